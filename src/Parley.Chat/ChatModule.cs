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
using Parley.Core.Configuration;
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
        return app;
    }
}
