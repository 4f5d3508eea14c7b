using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Chat.Channels;
using Parley.Chat.Messages;
using Parley.Chat.RealTime;
using Parley.Chat.Storage;
using Parley.Core.Audit;
using Parley.Core.Http;
using Parley.Core.Security;

namespace Parley.Chat.IncomingWebhooks;

/// <summary>
/// Incoming webhooks: channel staff create (the token is shown once), list and delete them; an outside
/// system posts with <c>POST /api/chat/webhooks/{token}</c>, anonymously, the token being its credential.
/// The message is a <c>webhook</c> message sent as the webhook's creator under the webhook's name.
/// </summary>
internal static class WebhooksApi
{
    public const int MaxNameLength = 64;

    public static void MapIncomingWebhooks(this IEndpointRouteBuilder endpoints)
    {
        var inChannel = endpoints.MapGroup("/api/chat/channels/{channelId:guid}/webhooks").WithTags("Chat: webhooks").RequirePermission(Permissions.Account);

        inChannel.MapPost("", async Task<Results<Created<WebhookView>, ProblemHttpResult>> (
            Guid channelId, CreateWebhookRequest body, HttpContext context, ChatDbContext db, ChatEvents events, AuditLog audit,
            TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            if (string.IsNullOrWhiteSpace(body.Name) || body.Name.Trim().Length > MaxNameLength)
            {
                errors["name"] = ["1 to 64 characters."];
            }
            if (body.AvatarUrl is not null && !(Uri.TryCreate(body.AvatarUrl, UriKind.Absolute, out var avatar) && avatar.Scheme is "https" or "http"))
            {
                errors["avatar_url"] = ["An absolute http(s) URL."];
            }
            if (errors.Count > 0)
            {
                return ApiProblem.Validation(errors);
            }
            var (access, problem) = await ResolveStaffAsync(db, channelId, userId, clock, cancellationToken);
            if (access is null)
            {
                return problem!;
            }
            var token = WebhookToken.Create();
            var webhook = new ChatWebhook
            {
                ChannelId = channelId,
                Name = body.Name!.Trim(),
                Token = WebhookToken.Hash(token),
                CreatedBy = userId,
                AvatarUrl = body.AvatarUrl,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.ChatWebhooks.Add(webhook);
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync("chat.webhook.created", new { webhook_id = webhook.Id, channel_id = channelId }, cancellationToken: cancellationToken);
            await events.ToChannelAsync(channelId, ChatEventNames.WebhookCreated, WebhookView.From(webhook), cancellationToken);
            return TypedResults.Created($"/api/chat/webhooks/{webhook.Id}", WebhookView.From(webhook, token));
        });

        inChannel.MapGet("", async Task<Results<Ok<List<WebhookView>>, ProblemHttpResult>> (
            Guid channelId, HttpContext context, ChatDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var (access, problem) = await ResolveStaffAsync(db, channelId, userId, clock, cancellationToken);
            if (access is null)
            {
                return problem!;
            }
            var list = await db.ChatWebhooks.AsNoTracking().Where(w => w.ChannelId == channelId).OrderBy(w => w.CreatedAt).ToListAsync(cancellationToken);
            return TypedResults.Ok(list.Select(w => WebhookView.From(w)).ToList());
        });

        endpoints.MapDelete("/api/chat/webhooks/{id:guid}", async Task<Results<NoContent, ProblemHttpResult>> (
            Guid id, HttpContext context, ChatDbContext db, ChatEvents events, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var webhook = await db.ChatWebhooks.FirstOrDefaultAsync(w => w.Id == id, cancellationToken);
            if (webhook is null)
            {
                return NotFound();
            }
            var (access, problem) = await ResolveStaffAsync(db, webhook.ChannelId, userId, clock, cancellationToken);
            if (access is null)
            {
                return problem!;
            }
            db.ChatWebhooks.Remove(webhook);
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync("chat.webhook.deleted", new { webhook_id = id, channel_id = webhook.ChannelId }, cancellationToken: cancellationToken);
            await events.ToChannelAsync(webhook.ChannelId, ChatEventNames.WebhookDeleted, new WebhookDeleted(id, webhook.ChannelId), cancellationToken);
            return TypedResults.NoContent();
        }).WithTags("Chat: webhooks").RequirePermission(Permissions.Account);

        endpoints.MapPost("/api/chat/webhooks/{token}", async Task<Results<Created<MessageView>, ProblemHttpResult>> (
            string token, WebhookPostRequest body, ChatDbContext db, MessageContentRules rules, MessageSender sender,
            CancellationToken cancellationToken) =>
        {
            var hash = WebhookToken.Hash(token);
            var webhook = await db.ChatWebhooks.AsNoTracking().FirstOrDefaultAsync(w => w.Token == hash, cancellationToken);
            if (webhook is null || !webhook.Active)
            {
                return NotFound();
            }
            var errors = rules.Check(body.Content, null, null);
            if (errors.Remove("plaintext", out var contentErrors))
            {
                errors["content"] = contentErrors;
            }
            if (body.Username is { } username && (string.IsNullOrWhiteSpace(username) || username.Trim().Length > MaxNameLength))
            {
                errors["username"] = ["1 to 64 characters."];
            }
            if (errors.Count > 0)
            {
                return ApiProblem.Validation(errors);
            }
            var channel = await db.Channels.AsNoTracking().FirstAsync(c => c.Id == webhook.ChannelId, cancellationToken);
            if (channel.Archived)
            {
                return ApiProblem.Forbidden("channel_archived", "The channel is archived.");
            }
            var communityId = channel.GroupId is { } groupId
                ? await db.Groups.AsNoTracking().Where(g => g.Id == groupId).Select(g => (Guid?)g.CommunityId).FirstOrDefaultAsync(cancellationToken)
                : null;
            // The webhook was vetted by channel staff when it was made; it speaks with the channel's voice, not a member's.
            var access = new ChannelAccess(channel, communityId, CommunityRole: null, IsMember: false, ChannelRole: null);
            var message = new Message
            {
                ChannelId = channel.Id,
                SenderId = webhook.CreatedBy,
                MessageType = MessageTypes.Webhook,
                Plaintext = body.Content,
                WebhookId = webhook.Id,
                WebhookUsername = body.Username?.Trim() ?? webhook.Name,
            };
            var view = await sender.PostAsync(message, access, cancellationToken);
            return TypedResults.Created($"/api/chat/messages/{view.Id}", view);
        }).WithTags("Chat: webhooks").AllowAnonymous().RequireRateLimiting(WebhookRateLimit.Policy);
    }

    private static ProblemHttpResult NotFound() => ApiProblem.NotFound("webhook_not_found", "No such webhook, or it is inactive.");

    /// <summary>Webhooks are managed by channel staff: community moderators, or the channel's owner and admins.</summary>
    private static async Task<(ChannelAccess? Access, ProblemHttpResult? Problem)> ResolveStaffAsync(
        ChatDbContext db, Guid channelId, Guid userId, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (access, refusal) = await ChannelAccess.ResolveAsync(db, channelId, userId, ChannelNeed.Read, clock.GetUtcNow().UtcDateTime, cancellationToken);
        if (access is null)
        {
            return (null, refusal!.ToProblem());
        }
        return access.IsChannelStaff
            ? (access, null)
            : (null, ApiProblem.Forbidden("forbidden_role", "Only channel staff manage webhooks."));
    }
}
