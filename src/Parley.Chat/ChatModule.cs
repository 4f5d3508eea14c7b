using Parley.Chat.Bots;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.RateLimiting;
using Parley.Chat.Announcements;
using Parley.Chat.Bookmarks;
using Parley.Chat.Emojis;
using Parley.Chat.IncomingWebhooks;
using Parley.Chat.Polls;
using Parley.Chat.ScheduledMessages;
using Parley.Chat.Voice;
using Parley.Core.Events;
using Parley.Core.Jobs;
using Parley.Chat.Blocks;
using Parley.Chat.Channels;
using Parley.Chat.Communities;
using Parley.Chat.DirectMessages;
using Parley.Chat.Files;
using Parley.Chat.Moderation;
using Parley.Chat.Groups;
using Parley.Chat.Keys;
using Parley.Chat.Messages;
using Parley.Chat.Preferences;
using Parley.Chat.Presence;
using Parley.Chat.Storage;
using Microsoft.AspNetCore.SignalR;
using Parley.Chat.Users;
using Microsoft.Extensions.Configuration;
using Parley.Chat.RealTime;
using Parley.Core.Configuration;
using Parley.Core.Http;
using Parley.Core.Security;
using Parley.Core.Blobs;
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
        builder.Services.AddScoped<DmChannels>();
        builder.Services.AddScoped<CommunityDirectory>();
        builder.Services.AddScoped<MessageChanges>();
        // Chat's public services for other modules (Modmail's bots); their constructors take Chat's internals.
        builder.Services.AddScoped(sp => new ChatBots(
            sp.GetRequiredService<CoreDbContext>(), sp.GetRequiredService<ChatDbContext>(), sp.GetRequiredService<DmChannels>(), sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddScoped(sp => new BotMessages(
            sp.GetRequiredService<ChatDbContext>(), sp.GetRequiredService<CoreDbContext>(), sp.GetRequiredService<MessageSender>(),
            sp.GetRequiredService<MessageChanges>(), sp.GetRequiredService<MessageContentRules>(), sp.GetRequiredService<IOptions<ChatOptions>>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IBlobStore>()));
        builder.Services.AddScoped(sp => new BotInbox(sp.GetRequiredService<ChatDbContext>(), sp.GetRequiredService<BotMessages>()));
        builder.Services.AddScoped(sp => new PrivateChannels(
            sp.GetRequiredService<ChatDbContext>(), sp.GetRequiredService<ChatEvents>(), sp.GetRequiredService<ChatConnections>(), sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddScoped<MessageViewLoader>();
        builder.Services.AddScoped<PresenceChanges>();
        builder.Services.AddRecurringJob<ExpiredMessageSweep>(ExpiredMessageSweep.JobKind, ExpiredMessageSweep.Interval);
        builder.Services.AddScoped<FileUploads>();
        builder.Services.AddSingleton<ChatEvents>();
        builder.Services.AddSingleton<ChatConnections>();
        builder.Services.AddScoped<VoiceRoom>();
        builder.Services.AddJobHandler<PollExpiryJob>();
        builder.Services.AddJobHandler<ScheduledMessageJob>();
        builder.Services.AddEventHandler<KeysLow, KeysLowForwarder>();
        builder.Services.Configure<RateLimiterOptions>(WebhookRateLimit.Configure);
        var maxHubMessageBytes = builder.Configuration.GetValue<int?>($"{ChatOptions.Section}:{nameof(ChatOptions.MaxHubMessageBytes)}") ?? new ChatOptions().MaxHubMessageBytes;
        var signalR = builder.Services.AddSignalR(options => options.MaximumReceiveMessageSize = maxHubMessageBytes)
            .AddJsonProtocol(options => HttpRegistration.ConfigureJson(options.PayloadSerializerOptions))
            .AddMessagePackProtocol();
        AddBackplane(builder, signalR);
        return builder;
    }

    /// <summary>With <c>Chat:Backplane:Redis</c> set, hub sends and subscription revocations reach every node.</summary>
    private static void AddBackplane(WebApplicationBuilder builder, ISignalRServerBuilder signalR)
    {
        var redis = builder.Configuration[$"{ChatOptions.Section}:{nameof(ChatOptions.Backplane)}:{nameof(ChatBackplaneOptions.Redis)}"];
        if (string.IsNullOrWhiteSpace(redis))
        {
            builder.Services.AddSingleton<IRevocationFanOut, SingleNodeRevocations>();
            return;
        }
        var connection = new ChatRedis(redis);
        builder.Services.AddSingleton(connection);
        builder.Services.AddSingleton<IReadinessProbe, ChatRedisReadiness>();
        builder.Services.AddSingleton<IRevocationFanOut, RedisRevocations>();
        builder.Services.AddHostedService<RedisRevocationListener>();
        signalR.AddStackExchangeRedis(redis, options =>
        {
            options.Configuration.ChannelPrefix = ChatRedis.Prefix;
            // One connection per node for the backplane, the revocations and readiness.
            options.ConnectionFactory = async _ => await connection.ConnectAsync();
        });
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
        app.MapPins();
        app.MapReadState();
        app.MapSearch();
        app.MapPresence();
        app.MapFiles(app.Services.GetRequiredService<IOptions<ChatOptions>>().Value.MaxUploadBytes);
        app.MapBlockedHashes();
        app.MapModeration();
        app.MapPolls();
        app.MapScheduledMessages();
        app.MapBookmarks();
        app.MapEmojis();
        app.MapIncomingWebhooks();
        app.MapGroupMembership();
        app.MapVoice();
        app.MapUserDirectory();
        // The token's expiry ends the connection; the client reconnects with a fresh one, so a signed-out
        // or suspended user's socket does not outlive their session by more than one token lifetime.
        app.MapHub<ChatHub>("/hubs/chat", options => options.CloseOnAuthenticationExpiration = true)
            .RequirePermission(Permissions.Account);
        return app;
    }
}
