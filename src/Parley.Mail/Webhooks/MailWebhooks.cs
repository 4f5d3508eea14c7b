using Microsoft.EntityFrameworkCore;
using Parley.Core.Webhooks;
using Parley.Mail.Storage;

namespace Parley.Mail.Webhooks;

/// <summary>
/// Queues a Mail event for every Mail webhook endpoint subscribed to it and, when the endpoint is scoped,
/// to <paramref>inboxId</paramref>'s inbox; added to the caller's context unsaved, so it goes out if and only if
/// the caller's write commits. Core's dispatcher delivers it (signing, retries), reading the endpoint and
/// keeping its health in Mail's <c>webhook_endpoints</c> (<see cref="MailWebhookEndpointSource"/>).
/// </summary>
internal sealed class MailWebhooks(WebhookPublisher publisher)
{
    /// <summary>Returns how many deliveries were added. An event without an inbox goes only to unscoped endpoints.</summary>
    public async Task<int> EnqueueAsync(MailDbContext db, string eventType, Guid? inboxId, object data, CancellationToken cancellationToken)
    {
        var endpoints = await db.WebhookEndpoints.AsNoTracking()
            .Where(e => e.Status != WebhookEndpointStates.Disabled)
            .Select(e => new { e.Id, e.Events, e.InboxIds })
            .ToListAsync(cancellationToken);
        var added = 0;
        foreach (var endpoint in endpoints)
        {
            if (!endpoint.Events.Contains(eventType, StringComparer.Ordinal)
                || (endpoint.InboxIds is { } scoped && (inboxId is not { } inbox || !scoped.Contains(inbox))))
            {
                continue;
            }
            publisher.Add(db, MailWebhookEndpointSource.SourceName, endpoint.Id, eventType, data);
            added++;
        }
        return added;
    }
}
