using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Mail.Messages;
using Parley.Mail.Storage;
using Parley.Mail.Webhooks;

namespace Parley.Mail.Threads;

/// <summary>The thread a new message joins, and the threads it merged into that one (announced as <c>thread.merged</c>).</summary>
internal sealed record ThreadAssignment(Guid ThreadId, IReadOnlyList<Guid> MergedThreadIds);

/// <summary>
/// Puts each new message, received or sent, in a thread, in this order:
/// <list type="number">
/// <item>the threads of the messages it names — In-Reply-To, then References newest first — and of the
/// messages already stored that name it (a reply that arrived before its parent);</item>
/// <item>else a thread with the same RFC 5256 base subject, updated within <c>Mail:Inbound:SubjectThreadingDays</c>,
/// that shares an inbox and a participant (From/To/Cc address other than the inboxes' own) with it;</item>
/// <item>else a new thread.</item>
/// </list>
/// When step 1 finds several threads, they are one conversation: the oldest keeps the messages of the others,
/// which are marked merged and deleted. Message-IDs compare case-sensitively (as the columns do on both
/// databases). Every lookup goes through an index: messages' primary key and in_reply_to, message_references'
/// referenced_id, threads' (subject, updated_at). Changes are added to the caller's context unsaved.
/// </summary>
internal sealed class MailThreader(MailWebhooks webhooks, IOptions<MailOptions> options, TimeProvider clock)
{
    public async Task<ThreadAssignment> AssignAsync(
        MailDbContext db, ParsedMail mail, CancellationToken cancellationToken, IReadOnlyList<Guid>? inboxIds = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // A Date in the future would hold the thread at the top of every list: a message is never newer than its arrival.
        var time = mail.SentAt > now ? now : mail.SentAt;
        var subject = BaseSubject.Of(mail.Subject);

        var related = await RelatedThreadsAsync(db, mail, cancellationToken);
        if (related.Count == 0)
        {
            var bySubject = await SubjectThreadAsync(db, mail, subject, inboxIds, now, cancellationToken);
            if (bySubject is not null)
            {
                Touch(bySubject, time, subject);
                return new ThreadAssignment(bySubject.Id, []);
            }
            var thread = new MailThread { Subject = subject, CreatedAt = time, UpdatedAt = time };
            db.Threads.Add(thread);
            return new ThreadAssignment(thread.Id, []);
        }

        var survivor = related.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).First();
        var merged = related.Where(t => t.Id != survivor.Id).ToList();
        Touch(survivor, time, subject);
        if (merged.Count > 0)
        {
            await MergeAsync(db, survivor, merged, now, cancellationToken);
            await webhooks.EnqueueAsync(
                db, MailEventTypes.ThreadMerged, inboxIds is { Count: > 0 } ? inboxIds[0] : null,
                new { thread_id = survivor.Id, merged_thread_ids = merged.Select(t => t.Id).ToList() }, cancellationToken);
        }
        return new ThreadAssignment(survivor.Id, merged.Select(t => t.Id).ToList());
    }

    /// <summary>
    /// The live threads of the messages this one names (In-Reply-To, References) and of the stored messages
    /// that name it. The order of the names does not matter here: all their threads become one.
    /// </summary>
    private static async Task<List<MailThread>> RelatedThreadsAsync(MailDbContext db, ParsedMail mail, CancellationToken cancellationToken)
    {
        var named = new List<string>();
        if (mail.InReplyTo is { } parent)
        {
            named.Add(parent);
        }
        named.AddRange(mail.References.Reverse());
        named = named.Where(id => !string.Equals(id, mail.MessageId, StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).ToList();

        var threadIds = new HashSet<Guid>();
        if (named.Count > 0)
        {
            threadIds.UnionWith(await db.Messages.Where(m => named.Contains(m.MessageId)).Select(m => m.ThreadId).ToListAsync(cancellationToken));
            threadIds.UnionWith(db.Messages.Local.Where(m => named.Contains(m.MessageId, StringComparer.Ordinal)).Select(m => m.ThreadId));
        }
        if (!mail.MessageIdGenerated)
        {
            // Replies that arrived first: they name this message in In-Reply-To or References.
            var id = mail.MessageId;
            threadIds.UnionWith(await db.Messages.Where(m => m.InReplyTo == id).Select(m => m.ThreadId).ToListAsync(cancellationToken));
            threadIds.UnionWith(await db.MessageReferences
                .Where(r => r.ReferencedId == id)
                .Join(db.Messages, r => r.MessageId, m => m.MessageId, (r, m) => m.ThreadId)
                .ToListAsync(cancellationToken));
        }
        if (threadIds.Count == 0)
        {
            return [];
        }
        var threads = await db.Threads.Where(t => threadIds.Contains(t.Id) && t.DeletedAt == null).ToListAsync(cancellationToken);
        threads.AddRange(db.Threads.Local.Where(t => threadIds.Contains(t.Id) && t.DeletedAt == null && !threads.Contains(t)));
        return threads;
    }

    /// <summary>The most recently active thread with this base subject that shares a participant and an inbox with the message.</summary>
    private async Task<MailThread?> SubjectThreadAsync(
        MailDbContext db, ParsedMail mail, string subject, IReadOnlyList<Guid>? inboxIds, DateTime now, CancellationToken cancellationToken)
    {
        var days = options.Value.Inbound.SubjectThreadingDays;
        // An empty subject ("", "Re:") says nothing about the conversation.
        if (days == 0 || subject.Length == 0)
        {
            return null;
        }
        // The inbox's own address is on every message of the inbox: only the other parties say "same conversation".
        var own = inboxIds is { Count: > 0 }
            ? await db.Inboxes.Where(i => inboxIds.Contains(i.Id))
                .Join(db.Domains, i => i.DomainId, d => d.Id, (i, d) => i.LocalPart + "@" + d.Name)
                .ToListAsync(cancellationToken)
            : [];
        var participants = mail.Participants.Except(own, StringComparer.Ordinal).ToList();
        if (participants.Count == 0)
        {
            return null;
        }
        var since = now.AddDays(-days);
        var inboxes = inboxIds?.ToList();
        var candidates = db.Threads.Where(t => t.Subject == subject && t.UpdatedAt >= since && t.DeletedAt == null);
        var withParticipant = candidates.Where(t => db.Messages.Any(m => m.ThreadId == t.Id
            && (participants.Contains(m.FromAddress)
                || db.MessageRecipients.Any(r => r.MessageId == m.MessageId && r.RecipientType != RecipientTypes.Bcc && participants.Contains(r.Address)))
            && (inboxes == null || db.MessageInboxes.Any(l => l.MessageId == m.MessageId && inboxes.Contains(l.InboxId)))));
        return await withParticipant.OrderByDescending(t => t.UpdatedAt).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The thread spans its messages' times; a thread that had no subject takes this one's.</summary>
    private static void Touch(MailThread thread, DateTime time, string subject)
    {
        if (time > thread.UpdatedAt)
        {
            thread.UpdatedAt = time;
        }
        if (time < thread.CreatedAt)
        {
            thread.CreatedAt = time;
        }
        if (thread.Subject.Length == 0 && subject.Length > 0)
        {
            thread.Subject = subject;
        }
    }

    private static async Task MergeAsync(MailDbContext db, MailThread survivor, List<MailThread> merged, DateTime now, CancellationToken cancellationToken)
    {
        var mergedIds = merged.Select(t => t.Id).ToList();
        var moving = await db.Messages.Where(m => mergedIds.Contains(m.ThreadId)).ToListAsync(cancellationToken);
        moving.AddRange(db.Messages.Local.Where(m => mergedIds.Contains(m.ThreadId) && !moving.Contains(m)));
        foreach (var message in moving)
        {
            message.ThreadId = survivor.Id;
        }
        foreach (var thread in merged)
        {
            thread.MergedInto = survivor.Id;
            thread.DeletedAt = now;
            if (thread.UpdatedAt > survivor.UpdatedAt)
            {
                survivor.UpdatedAt = thread.UpdatedAt;
            }
            if (thread.CreatedAt < survivor.CreatedAt)
            {
                survivor.CreatedAt = thread.CreatedAt;
            }
        }
    }
}
