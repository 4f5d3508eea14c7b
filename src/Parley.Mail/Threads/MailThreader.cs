using Parley.Mail.Messages;
using Parley.Mail.Storage;

namespace Parley.Mail.Threads;

/// <summary>The thread a new message joins, and the threads it merged into that one (each gets <c>thread.merged</c>).</summary>
internal sealed record ThreadAssignment(Guid ThreadId, IReadOnlyList<Guid> MergedThreadIds);

/// <summary>
/// Puts each new message, received or sent, in a thread: In-Reply-To, then References newest first, then
/// the RFC 5256 base subject (recent threads sharing a participant), else a new thread.
/// SEAM: this first version always starts a new thread; the threading part replaces it.
/// </summary>
internal sealed class MailThreader
{
    public Task<ThreadAssignment> AssignAsync(MailDbContext db, ParsedMail mail, CancellationToken cancellationToken)
    {
        var thread = new MailThread { Subject = mail.Subject, CreatedAt = mail.SentAt, UpdatedAt = mail.SentAt };
        db.Threads.Add(thread);
        return Task.FromResult(new ThreadAssignment(thread.Id, []));
    }
}
