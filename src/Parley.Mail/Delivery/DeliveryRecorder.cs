using System.Text.Json;
using Parley.Mail.Messages;
using Parley.Mail.Storage;
using Parley.Mail.Suppression;
using Parley.Mail.Webhooks;

namespace Parley.Mail.Delivery;

/// <summary>
/// Writes what happened to an outbound message, whether Parley saw it on the wire or learned it from a
/// report later: the delivery event, the suppression it implies and the webhook, added unsaved.
/// </summary>
internal sealed class DeliveryRecorder(SuppressionList suppressions, MailWebhooks webhooks, TimeProvider clock)
{
    public DeliveryEvent Add(MailDbContext db, MailMessage message, string status, object details)
    {
        var e = new DeliveryEvent
        {
            MessageId = message.MessageId,
            SesMessageId = message.SesMessageId,
            Status = status,
            Details = JsonSerializer.Serialize(details),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.DeliveryEvents.Add(e);
        return e;
    }

    /// <summary><c>delivered</c> (the recipient's server took it; webhook <c>message.delivered</c>) or <c>sent</c> (a relay took it).</summary>
    public async Task AcceptedAsync(MailDbContext db, MailMessage message, string status, string recipient, object details, CancellationToken cancellationToken)
    {
        Add(db, message, status, details);
        if (status == DeliveryStatuses.Delivered)
        {
            await webhooks.EnqueueAsync(db, MailEventTypes.MessageDelivered, message.InboxId, Payload(message, recipient, status, details), cancellationToken);
        }
    }

    /// <summary><c>bounced</c> or <c>failed</c>; a permanent failure of the address itself suppresses it. Webhook <c>message.bounced</c>.</summary>
    public async Task BouncedAsync(MailDbContext db, MailMessage message, string status, string recipient, bool suppress, object details, CancellationToken cancellationToken)
    {
        Add(db, message, status, details);
        if (suppress)
        {
            await suppressions.AddAsync(db, recipient, SuppressionReasons.Bounce, message.MessageId, cancellationToken);
        }
        await webhooks.EnqueueAsync(db, MailEventTypes.MessageBounced, message.InboxId, Payload(message, recipient, status, details), cancellationToken);
    }

    /// <summary>A recipient reported the message as spam: <c>complained</c>, the address suppressed, webhook <c>message.complained</c>.</summary>
    public async Task ComplainedAsync(MailDbContext db, MailMessage message, string? recipient, object details, CancellationToken cancellationToken)
    {
        Add(db, message, DeliveryStatuses.Complained, details);
        if (recipient is not null)
        {
            await suppressions.AddAsync(db, recipient, SuppressionReasons.Complaint, message.MessageId, cancellationToken);
        }
        await webhooks.EnqueueAsync(db, MailEventTypes.MessageComplained, message.InboxId, Payload(message, recipient, DeliveryStatuses.Complained, details), cancellationToken);
    }

    private static object Payload(MailMessage message, string? recipient, string status, object details) => new
    {
        message_id = message.MessageId,
        thread_id = message.ThreadId,
        inbox_id = message.InboxId,
        recipient,
        status,
        details,
    };
}
