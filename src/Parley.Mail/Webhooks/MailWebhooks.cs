using Parley.Mail.Storage;

namespace Parley.Mail.Webhooks;

/// <summary>
/// Queues a Mail event for every Mail webhook endpoint subscribed to it and, when the endpoint is scoped,
/// to <paramref>inboxId</paramref>'s inbox; added to the caller's context unsaved, so it goes out if and only if
/// the caller's write commits. SEAM: this first version queues nothing; the API part replaces it.
/// </summary>
internal sealed class MailWebhooks
{
    public Task EnqueueAsync(MailDbContext db, string eventType, Guid? inboxId, object data, CancellationToken cancellationToken) => Task.CompletedTask;
}
