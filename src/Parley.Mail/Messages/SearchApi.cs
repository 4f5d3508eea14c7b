using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Core.Security;
using Parley.Mail.Api;
using Parley.Mail.Inboxes;
using Parley.Mail.Messages.Search;
using Parley.Mail.Storage;

namespace Parley.Mail.Messages;

/// <summary><c>GET /api/mail/search?q=&amp;inbox_id=&amp;label=</c>: messages whose subject, addresses or text body hold every word (and carry the label), newest first.</summary>
internal static class SearchApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/mail/search", SearchAsync).RequirePermission(Permissions.MailMessagesRead).WithTags("Mail");
    }

    private static async Task<Results<Ok<MailPage<MessageSummaryView>>, ProblemHttpResult>> SearchAsync(
        string? q, [FromQuery(Name = "inbox_id")] Guid? inboxId, string? label, string? cursor, int? limit, ClaimsPrincipal user, MailDbContext db, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryParse(cursor, limit, out var page, out var problem))
        {
            return problem!;
        }
        if (string.IsNullOrWhiteSpace(q) || q.Length > MessageSearch.MaxQueryLength)
        {
            return PageRequest.Invalid("q", $"must be 1–{MessageSearch.MaxQueryLength} characters");
        }
        if (label is not null && !MessageLabels.IsValid(label))
        {
            return PageRequest.Invalid("label", $"must be 1–{MessageLabels.MaxLength} characters without control characters");
        }
        var caller = MailCaller.From(user);
        if (inboxId is { } inbox && await InboxesApi.FindAsync(db, user, inbox, cancellationToken) is null)
        {
            return InboxesApi.NotFound();
        }
        var matching = MessageSearch.MatchingIds(db, q);
        if (matching is null)
        {
            return TypedResults.Ok(new MailPage<MessageSummaryView>([], null));
        }
        var query = MessageViews.Visible(db, caller).AsNoTracking().Where(m => matching.Contains(m.MessageId));
        if (inboxId is { } only)
        {
            query = query.Where(m => db.MessageInboxes.Any(l => l.MessageId == m.MessageId && l.InboxId == only));
        }
        if (label is not null)
        {
            query = MessageViews.Labeled(db, query, label);
        }
        if (page.After is { } at && page.AfterKey is { } afterId)
        {
            query = query.Where(m => m.SentAt < at || (m.SentAt == at && string.Compare(m.MessageId, afterId) < 0));
        }
        var rows = await query.OrderByDescending(m => m.SentAt).ThenByDescending(m => m.MessageId).Take(page.Limit + 1).ToListAsync(cancellationToken);
        var summaries = await MessageViews.SummariesAsync(db, rows, cancellationToken);
        var result = page.Page(Enumerable.Range(0, rows.Count).ToList(), i => summaries[i], i => (rows[i].SentAt, rows[i].MessageId));
        return TypedResults.Ok(result);
    }
}
