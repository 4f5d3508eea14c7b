using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parley.Core.Http;
using Parley.Core.Security;
using Parley.Mail.Delivery;
using Parley.Mail.Messages;
using Parley.Mail.Storage;
using Parley.Mail.Suppression;
using Parley.Mail.Api;

namespace Parley.Mail.Outbound;

/// <summary>The answer of <c>POST /api/mail/send</c>.</summary>
internal sealed record SendAnswer(string MessageId, Guid ThreadId, string Status);

/// <summary>
/// <c>POST /api/mail/send</c>: a message from one of Parley's inboxes, checked, built, signed and queued
/// (202). With an idempotency key (body or <c>Idempotency-Key</c> header, unique per inbox) a retried
/// request answers 200 with the message the first one made. A suppressed recipient refuses the whole
/// message (422 <c>address_suppressed</c>), and nothing is stored.
/// </summary>
internal static class SendApi
{
    /// <summary>Room for the JSON around the base64 attachments.</summary>
    private const long JsonOverheadBytes = 1024 * 1024;

    public static void MapSendApi(this WebApplication app)
    {
        var maxMessageBytes = app.Services.GetRequiredService<IOptions<MailOptions>>().Value.Outbound.MaxMessageBytes;
        app.MapPost("/api/mail/send", SendAsync)
            .WithTags("Mail: sending")
            .RequirePermission(Permissions.MailMessagesSend)
            .WithMetadata(new SendSizeLimit((maxMessageBytes * 4 / 3) + JsonOverheadBytes));
    }

    private static async Task<Results<Accepted<SendAnswer>, Ok<SendAnswer>, ProblemHttpResult>> SendAsync(
        SendRequest body,
        HttpRequest request,
        MailDbContext db,
        OutboundQueue queue,
        SuppressionList suppressions,
        IOptions<MailOptions> options,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var limits = options.Value.Outbound;
        var headerKey = request.Headers.TryGetValue("Idempotency-Key", out var values) ? values.ToString() : null;
        var send = SendRequestCheck.Check(body, headerKey, limits, out var errors, out var tooLarge);
        if (tooLarge)
        {
            return TooLarge(limits.MaxMessageBytes);
        }
        if (send is null)
        {
            return ApiProblem.Validation(errors);
        }

        var inbox = await db.Inboxes.FirstOrDefaultAsync(i => i.Id == send.InboxId && i.DeletedAt == null, cancellationToken);
        if (inbox is null || !MailCaller.From(request.HttpContext.User).MaySee(inbox.Id))
        {
            return ApiProblem.NotFound("inbox_not_found", "No such inbox.");
        }
        var domain = await db.Domains.FirstOrDefaultAsync(d => d.Id == inbox.DomainId, cancellationToken);
        if (domain is null || domain.DeletedAt is not null)
        {
            return ApiProblem.Create(StatusCodes.Status422UnprocessableEntity, "domain_deleted", "The inbox's domain has been deleted; it sends no mail.");
        }
        if (send.IdempotencyKey is not null && await AnswerForKeyAsync(db, inbox.Id, send.IdempotencyKey, cancellationToken) is { } earlier)
        {
            return TypedResults.Ok(earlier);
        }
        var suppressed = await suppressions.SuppressedAmongAsync(db, send.Recipients.Select(r => r.Address), cancellationToken);
        if (suppressed.Count > 0)
        {
            return ApiProblem.Create(StatusCodes.Status422UnprocessableEntity, "address_suppressed",
                $"Parley does not send to {string.Join(", ", suppressed)}: suppressed after a bounce, a complaint or by hand.",
                new Dictionary<string, object?> { ["addresses"] = suppressed });
        }
        ReplyParent? parent = null;
        if (send.InReplyTo is not null)
        {
            var exists = await db.Messages.AnyAsync(m => m.MessageId == send.InReplyTo, cancellationToken);
            if (!exists)
            {
                return ApiProblem.Validation(new Dictionary<string, string[]> { ["in_reply_to"] = ["No message has this Message-ID."] });
            }
            var references = await db.MessageReferences.AsNoTracking().Where(r => r.MessageId == send.InReplyTo)
                .OrderBy(r => r.Position).Select(r => r.ReferencedId).ToListAsync(cancellationToken);
            parent = new ReplyParent(send.InReplyTo, references);
        }

        var message = MessageComposer.Compose(inbox, domain, send.To, send.Cc, send.Subject, send.Text, send.Html, send.Attachments, parent, clock.GetUtcNow());
        var draft = new OutboundDraft(
            message, inbox, domain,
            send.Recipients.Select(r => r.Address).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            send.Bcc.Select(b => new MailAddress(b.Address.ToLowerInvariant(), string.IsNullOrWhiteSpace(b.Name) ? null : b.Name)).ToList(),
            send.IdempotencyKey,
            "api");
        try
        {
            var (stored, threadId) = await queue.QueueAsync(db, draft, cancellationToken);
            return TypedResults.Accepted($"/api/mail/messages/{Uri.EscapeDataString(stored.MessageId)}", new SendAnswer(stored.MessageId, threadId, DeliveryStatuses.Pending));
        }
        catch (MessageTooLargeException ex)
        {
            return TooLarge(ex.Limit);
        }
        catch (DbUpdateException) when (send.IdempotencyKey is not null)
        {
            // A concurrent request with the same key won the unique index; answer with its message.
            db.ChangeTracker.Clear();
            return await AnswerForKeyAsync(db, inbox.Id, send.IdempotencyKey, cancellationToken) is { } winner
                ? TypedResults.Ok(winner)
                : throw new InvalidOperationException("The idempotency key conflicted, yet no message holds it.");
        }
    }

    private static async Task<SendAnswer?> AnswerForKeyAsync(MailDbContext db, Guid inboxId, string key, CancellationToken cancellationToken)
    {
        var message = await db.Messages.AsNoTracking()
            .Where(m => m.InboxId == inboxId && m.IdempotencyKey == key)
            .Select(m => new { m.MessageId, m.ThreadId })
            .FirstOrDefaultAsync(cancellationToken);
        if (message is null)
        {
            return null;
        }
        var latest = await db.DeliveryEvents.AsNoTracking().Where(e => e.MessageId == message.MessageId)
            .OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id).Select(e => e.Status).FirstOrDefaultAsync(cancellationToken);
        return new SendAnswer(message.MessageId, message.ThreadId, latest ?? DeliveryStatuses.Pending);
    }

    private static ProblemHttpResult TooLarge(long limit) =>
        ApiProblem.Create(StatusCodes.Status413PayloadTooLarge, "message_too_large", $"The message would be larger than the {limit} bytes Parley sends.");

    /// <summary>Lets the body follow <c>Mail:Outbound:MaxMessageBytes</c> (base64 inflated) instead of the global limit.</summary>
    private sealed class SendSizeLimit(long maxBytes) : IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize { get; } = maxBytes;
    }
}
