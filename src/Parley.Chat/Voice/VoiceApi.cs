using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Parley.Chat.Channels;
using Parley.Chat.Storage;
using Parley.Core.Http;
using Parley.Core.Security;

namespace Parley.Chat.Voice;

/// <summary><c>GET /api/chat/channels/{id}/voice</c>: who is in the channel's voice session now. Joining is over the hub.</summary>
internal static class VoiceApi
{
    public static void MapVoice(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/chat/channels/{channelId:guid}/voice", async Task<Results<Ok<VoiceChannelState>, ProblemHttpResult>> (
            Guid channelId, HttpContext context, ChatDbContext db, VoiceRoom room, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var (access, refusal) = await ChannelAccess.ResolveAsync(db, channelId, userId, ChannelNeed.Read, clock.GetUtcNow().UtcDateTime, cancellationToken);
            if (access is null)
            {
                return refusal!.ToProblem();
            }
            return TypedResults.Ok(await room.StateAsync(channelId, cancellationToken));
        }).WithTags("Chat: voice").RequirePermission(Permissions.Account);
    }
}
