using Microsoft.EntityFrameworkCore;
using Parley.Mail.Storage;
using Parley.Mail.Webhooks;

namespace Parley.Mail.Messages;

/// <summary>What a label change did: the message is not there, the label is not valid, or it was applied (changed or already so).</summary>
public enum LabelChange
{
    Added,
    Removed,
    Unchanged,
    MessageNotFound,
    InvalidLabel,
}

/// <summary>
/// Labels on stored messages (<c>message_labels</c>), for the API and for other modules (Triage acts on Parley's own
/// inboxes through it). A change that does something sends <c>message.labeled</c> through Mail's webhooks in the same
/// commit; putting a label that is there, or taking off one that is not, changes nothing and sends nothing.
/// </summary>
public sealed class MessageLabels
{
    public const int MaxLength = 100;

    private readonly MailDbContext db;
    private readonly MailWebhooks webhooks;
    private readonly TimeProvider clock;

    // MailWebhooks is internal; DI builds this through MailModule's factory.
    internal MessageLabels(MailDbContext db, MailWebhooks webhooks, TimeProvider clock)
    {
        this.db = db;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    /// <summary>1–100 characters, no control characters, not only spaces (labels travel in URL paths and webhook bodies).</summary>
    public static bool IsValid(string? label) =>
        label is { Length: > 0 and <= MaxLength } && !string.IsNullOrWhiteSpace(label) && !label.Any(char.IsControl);

    public Task<LabelChange> AddAsync(string messageId, string label, CancellationToken cancellationToken) =>
        ChangeAsync(messageId, label, add: true, cancellationToken);

    public Task<LabelChange> RemoveAsync(string messageId, string label, CancellationToken cancellationToken) =>
        ChangeAsync(messageId, label, add: false, cancellationToken);

    /// <summary>The labels of <paramref name="messageId"/>, ordered.</summary>
    public async Task<IReadOnlyList<string>> OfAsync(string messageId, CancellationToken cancellationToken) =>
        (await OfAsync(db, [messageId], cancellationToken)).GetValueOrDefault(messageId) ?? [];

    internal static async Task<Dictionary<string, IReadOnlyList<string>>> OfAsync(MailDbContext db, IReadOnlyList<string> messageIds, CancellationToken cancellationToken)
    {
        var ids = messageIds.Distinct(StringComparer.Ordinal).ToList();
        var rows = await db.MessageLabels.AsNoTracking().Where(l => ids.Contains(l.MessageId)).Select(l => new { l.MessageId, l.Label }).ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.MessageId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(r => r.Label).Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
    }

    private async Task<LabelChange> ChangeAsync(string messageId, string label, bool add, CancellationToken cancellationToken)
    {
        if (!IsValid(label))
        {
            return LabelChange.InvalidLabel;
        }
        var message = await db.Messages.AsNoTracking().Where(m => m.MessageId == messageId)
            .Select(m => new { m.MessageId, m.ThreadId, m.InboxId }).SingleOrDefaultAsync(cancellationToken);
        if (message is null)
        {
            return LabelChange.MessageNotFound;
        }
        var existing = await db.MessageLabels.SingleOrDefaultAsync(l => l.MessageId == messageId && l.Label == label, cancellationToken);
        if (add == (existing is not null))
        {
            return LabelChange.Unchanged;
        }
        if (add)
        {
            db.MessageLabels.Add(new MessageLabel { MessageId = messageId, Label = label, CreatedAt = clock.GetUtcNow().UtcDateTime });
        }
        else
        {
            db.MessageLabels.Remove(existing!);
        }
        await webhooks.EnqueueAsync(db, MailEventTypes.MessageLabeled, message.InboxId,
            new MessageLabeledEvent(message.MessageId, message.ThreadId, message.InboxId, label, add), cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (add)
        {
            // Another request put the same label at the same moment: the label is there, which is what was asked.
            db.ChangeTracker.Clear();
            return LabelChange.Unchanged;
        }
        return add ? LabelChange.Added : LabelChange.Removed;
    }
}

/// <summary>The data of a <c>message.labeled</c> webhook event.</summary>
internal sealed record MessageLabeledEvent(string MessageId, Guid ThreadId, Guid InboxId, string Label, bool Labeled);
