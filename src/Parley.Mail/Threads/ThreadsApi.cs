using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Core.Http;
using Parley.Core.Security;
using Parley.Mail.Api;
using Parley.Mail.Inboxes;
using Parley.Mail.Messages;
using Parley.Mail.Messages.Search;
using Parley.Mail.Storage;

namespace Parley.Mail.Threads;

/// <summary>
/// Threads: an inbox's conversations, newest activity first (<c>/api/mail/inboxes/{id}/threads</c>, filtered by
/// <c>q</c>, <c>state</c> and <c>label</c> — a thread with a message carrying it), one thread
/// with its messages oldest first, and soft deletion (its messages answer 404 from then on).
/// </summary>
internal static class ThreadsApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/mail/inboxes/{id:guid}/threads", ListAsync).RequirePermission(Permissions.MailThreadsRead).WithTags("Mail");
        var threads = endpoints.MapGroup("/api/mail/threads").WithTags("Mail");
        threads.MapGet("/{id:guid}", GetAsync).RequirePermission(Permissions.MailThreadsRead);
        threads.MapDelete("/{id:guid}", DeleteAsync).RequirePermission(Permissions.MailThreadsDelete);
    }

    private static async Task<Results<Ok<MailPage<ThreadSummaryView>>, ProblemHttpResult>> ListAsync(
        Guid id, string? q, string? state, string? label, string? cursor, int? limit, ClaimsPrincipal user, MailDbContext db, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryParse(cursor, limit, out var page, out var problem))
        {
            return problem!;
        }
        if (state is not null && !ThreadStates.IsKnown(state))
        {
            return PageRequest.Invalid("state", "must be one of " + string.Join(", ", ThreadStates.All));
        }
        if (label is not null && !MessageLabels.IsValid(label))
        {
            return PageRequest.Invalid("label", $"must be 1–{MessageLabels.MaxLength} characters without control characters");
        }
        if (q is { Length: > MessageSearch.MaxQueryLength })
        {
            return PageRequest.Invalid("q", $"must be at most {MessageSearch.MaxQueryLength} characters");
        }
        if (await InboxesApi.FindAsync(db, user, id, cancellationToken) is null)
        {
            return InboxesApi.NotFound();
        }
        var inInbox = InInbox(db, MailCaller.From(user), id);
        if (!string.IsNullOrWhiteSpace(q))
        {
            if (MessageSearch.MatchingIds(db, q) is not { } matching)
            {
                return TypedResults.Ok(new MailPage<ThreadSummaryView>([], null));
            }
            inInbox = inInbox.Where(m => matching.Contains(m.MessageId));
        }
        if (label is not null)
        {
            inInbox = MessageViews.Labeled(db, inInbox, label);
        }
        var threads = db.Threads.AsNoTracking().Where(t => t.DeletedAt == null && t.MergedInto == null && inInbox.Any(m => m.ThreadId == t.Id));
        if (state is not null)
        {
            threads = threads.Where(t => t.State == state);
        }
        if (page.After is { } at && page.AfterGuid is { } afterId)
        {
            threads = threads.Where(t => t.UpdatedAt < at || (t.UpdatedAt == at && t.Id.CompareTo(afterId) < 0));
        }
        var rows = await threads.OrderByDescending(t => t.UpdatedAt).ThenByDescending(t => t.Id).Take(page.Limit + 1).ToListAsync(cancellationToken);
        var shown = rows.Take(page.Limit).ToList();
        var threadIds = shown.Select(t => t.Id).ToList();
        var messages = await InInbox(db, MailCaller.From(user), id).AsNoTracking().Where(m => threadIds.Contains(m.ThreadId)).ToListAsync(cancellationToken);
        var summaries = await SummariesAsync(db, shown, messages, cancellationToken);
        return TypedResults.Ok(page.Page(rows, t => summaries[t.Id], t => (t.UpdatedAt, t.Id.ToString())));
    }

    private static async Task<Results<Ok<ThreadView>, ProblemHttpResult>> GetAsync(Guid id, ClaimsPrincipal user, MailDbContext db, CancellationToken cancellationToken)
    {
        var caller = MailCaller.From(user);
        var thread = await db.Threads.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id && t.DeletedAt == null && t.MergedInto == null, cancellationToken);
        if (thread is null)
        {
            return NotFound();
        }
        var messages = await MessageViews.Visible(db, caller).AsNoTracking().Where(m => m.ThreadId == id)
            .OrderBy(m => m.SentAt).ThenBy(m => m.CreatedAt).ToListAsync(cancellationToken);
        if (caller.IsBound && messages.Count == 0)
        {
            return NotFound();
        }
        var summary = (await SummariesAsync(db, [thread], messages, cancellationToken))[id];
        var full = new List<MessageView>(messages.Count);
        foreach (var message in messages)
        {
            full.Add(await MessageViews.FullAsync(db, message, cancellationToken));
        }
        return TypedResults.Ok(new ThreadView(summary.Id, summary.Subject, summary.CreatedAt, summary.UpdatedAt, summary.MessageCount, summary.Participants, summary.LastMessage, summary.State, summary.Labels, full));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, ClaimsPrincipal user, MailDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var caller = MailCaller.From(user);
        var thread = await db.Threads.SingleOrDefaultAsync(t => t.Id == id && t.DeletedAt == null, cancellationToken);
        if (thread is null || (caller.IsBound && !await MessageViews.Visible(db, caller).AnyAsync(m => m.ThreadId == id, cancellationToken)))
        {
            return NotFound();
        }
        thread.DeletedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>The visible messages linked to inbox <paramref name="inboxId"/>.</summary>
    private static IQueryable<MailMessage> InInbox(MailDbContext db, MailCaller caller, Guid inboxId) =>
        MessageViews.Visible(db, caller).Where(m => db.MessageInboxes.Any(l => l.MessageId == m.MessageId && l.InboxId == inboxId));

    /// <summary>Each thread's summary over <paramref name="messages"/> (the ones the caller sees there).</summary>
    private static async Task<Dictionary<Guid, ThreadSummaryView>> SummariesAsync(
        MailDbContext db, IReadOnlyList<MailThread> threads, IReadOnlyList<MailMessage> messages, CancellationToken cancellationToken)
    {
        var ids = messages.Select(m => m.MessageId).ToList();
        var recipients = await db.MessageRecipients.AsNoTracking().Where(r => ids.Contains(r.MessageId))
            .OrderBy(r => r.Id).Select(r => new { r.MessageId, r.Address }).ToListAsync(cancellationToken);
        var latest = messages.GroupBy(m => m.ThreadId).ToDictionary(g => g.Key, g => g.OrderBy(m => m.SentAt).ThenBy(m => m.CreatedAt).Last());
        var lastSummaries = (await MessageViews.SummariesAsync(db, latest.Values.ToList(), cancellationToken)).ToDictionary(s => s.ThreadId);
        var labels = await MessageLabels.OfAsync(db, ids, cancellationToken);
        var result = new Dictionary<Guid, ThreadSummaryView>();
        foreach (var thread in threads)
        {
            var own = messages.Where(m => m.ThreadId == thread.Id).OrderBy(m => m.SentAt).ThenBy(m => m.CreatedAt).ToList();
            var participants = own.SelectMany(m => new[] { m.FromAddress }.Concat(recipients.Where(r => r.MessageId == m.MessageId).Select(r => r.Address)))
                .Where(a => a.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            // A thread's labels: every label on any of its messages the caller sees, once each, in order.
            var threadLabels = own.SelectMany(m => labels.GetValueOrDefault(m.MessageId) ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            result[thread.Id] = new ThreadSummaryView(thread.Id, thread.Subject, thread.CreatedAt, thread.UpdatedAt, own.Count, participants, lastSummaries.GetValueOrDefault(thread.Id), thread.State, threadLabels);
        }
        return result;
    }

    private static ProblemHttpResult NotFound() => ApiProblem.NotFound("thread_not_found", "No thread has this id.");
}

/// <param name="Labels">Every label on any of the thread's messages the caller sees (sorted, once each).</param>
internal sealed record ThreadSummaryView(
    Guid Id, string Subject, DateTime CreatedAt, DateTime UpdatedAt, int MessageCount, IReadOnlyList<string> Participants, MessageSummaryView? LastMessage,
    string State, IReadOnlyList<string> Labels);

internal sealed record ThreadView(
    Guid Id, string Subject, DateTime CreatedAt, DateTime UpdatedAt, int MessageCount, IReadOnlyList<string> Participants, MessageSummaryView? LastMessage,
    string State, IReadOnlyList<string> Labels, IReadOnlyList<MessageView> Messages);
