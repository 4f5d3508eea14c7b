using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Chat.Communities;
using Parley.Core.Http;
using Parley.Core.Security;
using Parley.Modmail.Panel;

namespace Parley.Modmail.Tickets;

/// <summary>
/// Reading tickets in the panel (<c>view_tickets</c>, only tickets the caller may see — others answer 404):
/// <c>GET /api/modmail/desks/{id}/tickets</c> with filters and cursor pages, newest first;
/// <c>GET …/tickets/{ticketId}</c> the ticket with its transcript; <c>GET …/tickets/{ticketId}/export.json</c> and
/// <c>…/export.html</c> the transcript as a download.
/// </summary>
internal static class TicketsApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var tickets = endpoints.MapGroup("/api/modmail/desks/{id:guid}/tickets").WithTags("Modmail: tickets").RequirePermission(Permissions.Account);

        tickets.MapGet("", ListAsync);
        tickets.MapGet("/{ticketId:guid}", async Task<Results<Ok<TicketTranscript>, ProblemHttpResult>> (
            Guid id, Guid ticketId, HttpContext context, PanelGate gate, TicketVisibility visibility, Transcripts transcripts,
            IOptionsMonitor<PanelOptions> options, CancellationToken cancellationToken) =>
        {
            var (caller, problem) = await gate.EnterAsync(context.User, id, PanelPermissions.ViewTickets, cancellationToken);
            if (caller is null)
            {
                return problem!;
            }
            var ticket = await visibility.FindAsync(caller, ticketId, cancellationToken);
            return ticket is null
                ? PanelProblems.TicketNotFound()
                : TypedResults.Ok(await transcripts.ReadAsync(ticket, options.CurrentValue.MaxTranscriptMessages, cancellationToken));
        });

        tickets.MapGet("/{ticketId:guid}/export.json", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (
            Guid id, Guid ticketId, HttpContext context, PanelGate gate, TicketVisibility visibility, Transcripts transcripts,
            IOptionsMonitor<PanelOptions> options, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> jsonOptions, CancellationToken cancellationToken) =>
        {
            var (caller, problem) = await gate.EnterAsync(context.User, id, PanelPermissions.ViewTickets, cancellationToken);
            if (caller is null)
            {
                return problem!;
            }
            var ticket = await visibility.FindAsync(caller, ticketId, cancellationToken);
            if (ticket is null)
            {
                return PanelProblems.TicketNotFound();
            }
            var transcript = await transcripts.ReadAsync(ticket, options.CurrentValue.MaxTranscriptMessages, cancellationToken);
            var json = JsonSerializer.SerializeToUtf8Bytes(transcript, jsonOptions.Value.SerializerOptions);
            return TypedResults.File(json, "application/json", $"ticket-{ticket.Id}.json");
        });

        tickets.MapGet("/{ticketId:guid}/export.html", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (
            Guid id, Guid ticketId, HttpContext context, PanelGate gate, TicketVisibility visibility, Transcripts transcripts,
            CommunityDirectory communities, IOptionsMonitor<PanelOptions> options, CancellationToken cancellationToken) =>
        {
            var (caller, problem) = await gate.EnterAsync(context.User, id, PanelPermissions.ViewTickets, cancellationToken);
            if (caller is null)
            {
                return problem!;
            }
            var ticket = await visibility.FindAsync(caller, ticketId, cancellationToken);
            if (ticket is null)
            {
                return PanelProblems.TicketNotFound();
            }
            var transcript = await transcripts.ReadAsync(ticket, options.CurrentValue.MaxTranscriptMessages, cancellationToken);
            var deskName = await communities.NameOfAsync(caller.Desk.CommunityId ?? caller.Desk.StaffCommunityId, cancellationToken) ?? "Support";
            context.Response.Headers.ContentSecurityPolicy = TranscriptHtml.ContentSecurityPolicy;
            context.Response.Headers.XContentTypeOptions = "nosniff";
            return TypedResults.File(Encoding.UTF8.GetBytes(TranscriptHtml.Render(transcript, deskName)), "text/html; charset=utf-8", $"ticket-{ticket.Id}.html");
        });
    }

    /// <param name="status"><c>open</c> (default), <c>closed</c> or <c>all</c>.</param>
    /// <param name="assignee">A user id, <c>me</c>, or <c>none</c> (nobody took it).</param>
    /// <param name="q">Member search: part of the name, or the exact member id.</param>
    private static async Task<Results<Ok<PanelPage<TicketView>>, ProblemHttpResult>> ListAsync(
        Guid id, string? status, [FromQuery(Name = "category_id")] Guid? categoryId, string? assignee, string? transport,
        [FromQuery(Name = "awaiting_staff")] bool? awaitingStaff, string? q, string? cursor, int? limit,
        HttpContext context, PanelGate gate, TicketVisibility visibility, CancellationToken cancellationToken)
    {
        var (caller, problem) = await gate.EnterAsync(context.User, id, PanelPermissions.ViewTickets, cancellationToken);
        if (caller is null)
        {
            return problem!;
        }
        if (!PanelPageRequest.TryParse(cursor, limit, out var page, out var pageProblem))
        {
            return pageProblem!;
        }
        var query = await visibility.VisibleAsync(caller, cancellationToken);
        switch (status ?? "open")
        {
            case "open":
                query = query.Where(t => t.Status == TicketStatus.Open);
                break;
            case "closed":
                query = query.Where(t => t.Status == TicketStatus.Closed);
                break;
            case "all":
                break;
            default:
                return PanelProblems.Invalid("status", "open, closed or all");
        }
        if (categoryId is { } category)
        {
            var categoryText = category.ToString("D");
            query = query.Where(t => t.CategoryId == categoryText);
        }
        if (assignee is not null)
        {
            if (assignee == "none")
            {
                query = query.Where(t => t.AssignedTo == null);
            }
            else
            {
                var who = assignee == "me" ? caller.UserId : Guid.TryParse(assignee, out var parsed) ? parsed : (Guid?)null;
                if (who is null)
                {
                    return PanelProblems.Invalid("assignee", "a user id, me or none");
                }
                var whoText = who.Value.ToString("D");
                query = query.Where(t => t.AssignedTo == whoText);
            }
        }
        if (transport is not null)
        {
            if (!TransportNames.All.Contains(transport))
            {
                return PanelProblems.Invalid("transport", string.Join(", ", TransportNames.All));
            }
            query = query.Where(t => t.Transport == transport);
        }
        if (awaitingStaff is { } awaiting)
        {
            query = query.Where(t => t.AwaitingStaff == awaiting);
        }
        if (!string.IsNullOrWhiteSpace(q))
        {
            if (q.Length > 100)
            {
                return PanelProblems.Invalid("q", "at most 100 characters");
            }
            var exact = q.Trim();
            var pattern = "%" + Like(exact.ToLowerInvariant()) + "%";
            query = query.Where(t => t.UserId == exact || EF.Functions.Like(t.UserName.ToLower(), pattern, "\\"));
        }
        if (page.After is { } after && page.AfterId is { } afterId)
        {
            query = query.Where(t => t.CreatedAt < after || (t.CreatedAt == after && t.Id.CompareTo(afterId) < 0));
        }
        var rows = await query.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id).Take(page.Limit + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(page.Page(rows, TicketView.From, t => (t.CreatedAt, t.Id)));
    }

    private static string Like(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
