using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Chat.Communities;
using Parley.Core.Http;
using Parley.Core.Security;
using Parley.Core.Storage;
using Parley.Modmail.Closing;
using Parley.Modmail.Commands;
using Parley.Modmail.Desks;
using Parley.Modmail.Panel;
using Parley.Modmail.Snippets;
using Parley.Modmail.Staff;
using Parley.Modmail.Storage;

namespace Parley.Modmail.Tickets;

/// <param name="Content">The reply; or leave it out and name a snippet.</param>
internal sealed record ReplyRequest(string? Content, bool? Anonymous, string? SnippetKey);

/// <param name="After">Rustmail's duration (<c>1d12h</c>): schedule the close instead of closing now.</param>
/// <param name="Cancel">Cancel the scheduled close (Rustmail's <c>close cancel</c>).</param>
internal sealed record CloseRequest(string? After, bool? Silent, bool? Cancel);

internal sealed record MoveRequest(Guid? CategoryId);

/// <summary>
/// The panel's buttons on a ticket (<c>manage_tickets</c>, on tickets the caller may see), calling the same services as
/// the text commands: reply (named or anonymous, or a snippet) through <see cref="StaffReplies"/>; close now, scheduled,
/// silent, or cancel through <see cref="TicketClosing"/>; take and release (<c>threads.assigned_to</c>) and move to a
/// category (the category's name and permissions copied to the ticket, channel members re-synced) written here.
/// </summary>
internal static class TicketActionsApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var ticket = endpoints.MapGroup("/api/modmail/desks/{id:guid}/tickets/{ticketId:guid}").WithTags("Modmail: tickets").RequirePermission(Permissions.Account);

        ticket.MapPost("/reply", async Task<Results<Ok<TicketMessageView>, ProblemHttpResult>> (
            Guid id, Guid ticketId, ReplyRequest body, HttpContext context, PanelGate gate, TicketVisibility visibility, ModmailDbContext db,
            StaffActors actors, StaffReplies replies, IOptionsMonitor<ModmailOptions> options, CancellationToken cancellationToken) =>
        {
            var (caller, found, problem) = await EnterAsync(context, gate, visibility, id, ticketId, cancellationToken);
            if (caller is null)
            {
                return problem!;
            }
            var max = options.CurrentValue.MaxMessageLength;
            string content;
            if (body.SnippetKey is not null)
            {
                if (body.Content is not null)
                {
                    return PanelProblems.Invalid("content", "send content or snippet_key, not both");
                }
                var key = SnippetKeys.Normalize(body.SnippetKey);
                var snippet = await db.Snippets.AsNoTracking().Where(s => s.Key == key).Select(s => s.Content).FirstOrDefaultAsync(cancellationToken);
                if (snippet is null)
                {
                    return ApiProblem.NotFound("snippet_not_found", "No snippet has that key.");
                }
                content = snippet;
            }
            else if (string.IsNullOrWhiteSpace(body.Content))
            {
                return PanelProblems.Invalid("content", "required (or a snippet_key)");
            }
            else if (body.Content.Length > max)
            {
                return ApiProblem.BadRequest("message_too_long", $"A reply has at most {max} characters (Modmail:MaxMessageLength).");
            }
            else
            {
                content = body.Content;
            }
            var actor = await actors.ForAsync(caller, cancellationToken);
            var (message, refusal) = await replies.ReplyAsync(found!.Id, actor, content, body.Anonymous ?? false, [], cancellationToken);
            return refusal is not null ? refusal.ToProblem() : TypedResults.Ok(Transcripts.View(message!));
        });

        ticket.MapPost("/close", async Task<Results<NoContent, ProblemHttpResult>> (
            Guid id, Guid ticketId, CloseRequest body, HttpContext context, PanelGate gate, TicketVisibility visibility,
            StaffActors actors, TicketClosing closing, CancellationToken cancellationToken) =>
        {
            var (caller, found, problem) = await EnterAsync(context, gate, visibility, id, ticketId, cancellationToken);
            if (caller is null)
            {
                return problem!;
            }
            var delay = TimeSpan.Zero;
            if (body.After is not null && !Durations.TryParse(body.After, out delay))
            {
                return PanelProblems.Invalid("after", "a duration such as 30m, 1d12h or 2w (at most a year)");
            }
            if (body.Cancel == true && (body.After is not null || body.Silent is not null))
            {
                return PanelProblems.Invalid("cancel", "cancel alone, without after or silent");
            }
            var actor = await actors.ForAsync(caller, cancellationToken);
            var silent = body.Silent ?? false;
            var refusal = body.Cancel == true
                ? await closing.CancelScheduledAsync(found!.Id, actor, cancellationToken)
                : body.After is not null
                    ? await closing.ScheduleAsync(found!.Id, actor, delay, silent, cancellationToken)
                    : await closing.CloseAsync(found!.Id, actor, silent, cancellationToken);
            return refusal is not null ? refusal.ToProblem() : TypedResults.NoContent();
        });

        ticket.MapDelete("/scheduled-close", async Task<Results<NoContent, ProblemHttpResult>> (
            Guid id, Guid ticketId, HttpContext context, PanelGate gate, TicketVisibility visibility, StaffActors actors, TicketClosing closing,
            CancellationToken cancellationToken) =>
        {
            var (caller, found, problem) = await EnterAsync(context, gate, visibility, id, ticketId, cancellationToken);
            if (caller is null)
            {
                return problem!;
            }
            var refusal = await closing.CancelScheduledAsync(found!.Id, await actors.ForAsync(caller, cancellationToken), cancellationToken);
            return refusal is not null ? refusal.ToProblem() : TypedResults.NoContent();
        });

        ticket.MapPost("/take", async Task<Results<Ok<TicketView>, ProblemHttpResult>> (
            Guid id, Guid ticketId, HttpContext context, PanelGate gate, TicketVisibility visibility, ModmailDbContext db, TimeProvider clock,
            CancellationToken cancellationToken) =>
        {
            var (caller, found, problem) = await EnterAsync(context, gate, visibility, id, ticketId, cancellationToken);
            if (caller is null)
            {
                return problem!;
            }
            found!.AssignedTo = caller.UserId.ToString("D");
            found.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Ok(TicketView.From(found));
        });

        ticket.MapPost("/release", async Task<Results<Ok<TicketView>, ProblemHttpResult>> (
            Guid id, Guid ticketId, HttpContext context, PanelGate gate, TicketVisibility visibility, ModmailDbContext db, TimeProvider clock,
            CancellationToken cancellationToken) =>
        {
            var (caller, found, problem) = await EnterAsync(context, gate, visibility, id, ticketId, cancellationToken);
            if (caller is null)
            {
                return problem!;
            }
            found!.AssignedTo = null;
            found.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Ok(TicketView.From(found));
        });

        ticket.MapPost("/move", async Task<Results<Ok<TicketView>, ProblemHttpResult>> (
            Guid id, Guid ticketId, MoveRequest body, HttpContext context, PanelGate gate, TicketVisibility visibility, ModmailDbContext db,
            TicketChannels channels, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var (caller, found, problem) = await EnterAsync(context, gate, visibility, id, ticketId, cancellationToken);
            if (caller is null)
            {
                return problem!;
            }
            TicketCategory? category = null;
            if (body.CategoryId is { } categoryId)
            {
                category = await db.Categories.AsNoTracking().FirstOrDefaultAsync(c => c.Id == categoryId && c.DeskId == id, cancellationToken);
                if (category is null)
                {
                    return ApiProblem.NotFound("category_not_found", "No such category at this desk.");
                }
            }
            found!.CategoryId = category?.Id.ToString("D");
            found.CategoryName = category?.Name;
            found.RequiredPermissions = category?.RequiredPermissions;
            found.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
            // Staff who may no longer see the ticket leave its channel; newly entitled staff join it.
            await channels.SyncMembersAsync(found, cancellationToken);
            return TypedResults.Ok(TicketView.From(found));
        });
    }

    private static async Task<(PanelCaller? Caller, Ticket? Ticket, ProblemHttpResult? Problem)> EnterAsync(
        HttpContext context, PanelGate gate, TicketVisibility visibility, Guid deskId, Guid ticketId, CancellationToken cancellationToken)
    {
        var (caller, problem) = await gate.EnterAsync(context.User, deskId, PanelPermissions.ManageTickets, cancellationToken);
        if (caller is null)
        {
            return (null, null, problem);
        }
        var ticket = await visibility.FindAsync(caller, ticketId, cancellationToken);
        return ticket is null ? (null, null, PanelProblems.TicketNotFound()) : (caller, ticket, null);
    }
}

/// <summary>The panel caller as the staff services want them: the name and community role a named reply is signed with.</summary>
internal sealed class StaffActors(CoreDbContext core, CommunityDirectory communities)
{
    public async Task<StaffActor> ForAsync(PanelCaller caller, CancellationToken cancellationToken)
    {
        var user = await core.Users.AsNoTracking().Where(u => u.Id == caller.UserId).Select(u => new { u.Username, u.DisplayName }).FirstAsync(cancellationToken);
        var membership = await communities.MembershipAsync(caller.Desk.StaffCommunityId, caller.UserId, cancellationToken);
        return new StaffActor(caller.UserId, membership?.Nickname ?? user.DisplayName ?? user.Username, membership?.Role);
    }
}
