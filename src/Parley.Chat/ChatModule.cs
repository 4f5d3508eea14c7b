using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Parley.Chat.Blocks;
using Parley.Chat.Channels;
using Parley.Chat.Communities;
using Parley.Chat.DirectMessages;
using Parley.Chat.Groups;
using Parley.Chat.Storage;
using Parley.Core.Storage;

namespace Parley.Chat;

/// <summary>The Chat module's two entry points (Chatalot's job): communities, channels, messages, real time.</summary>
public static class ChatModule
{
    public static WebApplicationBuilder AddChat(this WebApplicationBuilder builder)
    {
        builder.Services.AddModuleDbContext<ChatDbContext, SqliteChatDbContext, PostgresChatDbContext>(ChatDbContext.ModuleName);
        return builder;
    }

    public static WebApplication MapChat(this WebApplication app)
    {
        app.MapCommunities();
        app.MapGroups();
        app.MapChannels();
        app.MapDirectMessages();
        app.MapBlocks();
        return app;
    }
}
