using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Parley.Chat.Announcements;
using Parley.Chat.Blocks;
using Parley.Chat.Channels;
using Parley.Chat.Communities;
using Parley.Chat.DirectMessages;
using Parley.Chat.Groups;
using Parley.Chat.Keys;
using Parley.Chat.Messages;
using Parley.Chat.Preferences;
using Parley.Chat.Storage;
using Parley.Chat.Users;
using Microsoft.Extensions.Configuration;
using Parley.Chat.RealTime;
using Parley.Core.Configuration;
using Parley.Core.Http;
using Parley.Core.Security;
using Parley.Core.Storage;

namespace Parley.Chat;

/// <summary>The Chat module's two entry points (Chatalot's job): communities, channels, messages, real time.</summary>
public static class ChatModule
{
    public static WebApplicationBuilder AddChat(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<ChatOptions>(builder.Configuration, ChatOptions.Section);
        builder.Services.AddModuleDbContext<ChatDbContext, SqliteChatDbContext, PostgresChatDbContext>(ChatDbContext.ModuleName);
        builder.Services.AddSingleton<MessageContentRules>();
        builder.Services.AddScoped<MessageSender>();
        builder.Services.AddScoped<MessageViewLoader>();
        builder.Services.AddSingleton<ChatEvents>();
        builder.Services.AddSingleton<ChatConnections>();
        var maxHubMessageBytes = builder.Configuration.GetValue<int?>($"{ChatOptions.Section}:{nameof(ChatOptions.MaxHubMessageBytes)}") ?? new ChatOptions().MaxHubMessageBytes;
        builder.Services.AddSignalR(options => options.MaximumReceiveMessageSize = maxHubMessageBytes)
            .AddJsonProtocol(options => HttpRegistration.ConfigureJson(options.PayloadSerializerOptions))
            .AddMessagePackProtocol();
        return builder;
    }

    public static WebApplication MapChat(this WebApplication app)
    {
        app.MapKeys();
        app.MapPreferences();
        app.MapAnnouncements();
        app.MapCommunities();
        app.MapGroups();
        app.MapChannels();
        app.MapDirectMessages();
        app.MapBlocks();
        app.MapChannelMembership();
        app.MapMessages();
        app.MapReactions();
        app.MapUserDirectory();
        // The token's expiry ends the connection; the client reconnects with a fresh one, so a signed-out
        // or suspended user's socket does not outlive their session by more than one token lifetime.
        app.MapHub<ChatHub>("/hubs/chat", options => options.CloseOnAuthenticationExpiration = true)
            .RequirePermission(Permissions.Account);
        return app;
    }
}
