using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Parley.Core.Security;

namespace Parley.Chat.Moderation;

/// <summary>The moderation endpoints, one file per measure; docs/chat-moderation.md describes them together.</summary>
internal static class ModerationApi
{
    public static void MapModeration(this IEndpointRouteBuilder endpoints)
    {
        var channel = endpoints.MapGroup("/api/chat/channels/{channelId:guid}").WithTags("Chat: moderation").RequirePermission(Permissions.Account);
        channel.MapTimeouts();
        channel.MapWarnings(endpoints);
        channel.MapChannelBans();
        channel.MapPurge();
        endpoints.MapQuarantine();
        endpoints.MapReports();
    }
}
