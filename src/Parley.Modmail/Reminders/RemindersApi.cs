using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Core.Security;
using Parley.Modmail.Closing;
using Parley.Modmail.Panel;
using Parley.Modmail.Storage;
using Parley.Modmail.Tickets;

namespace Parley.Modmail.Reminders;

internal sealed record ReminderView(long Id, Guid TicketId, string TicketUserName, string UserId, string? Content, long TriggerTime, long CreatedAt, bool Completed);

internal sealed record ScheduledCloseView(long Id, Guid TicketId, string TicketUserName, long ScheduledTime, bool Silent, string CreatedBy);

/// <summary>
/// What is due at a desk (<c>view_tickets</c>), limited to tickets the caller may see: staff reminders
/// (<c>/api/modmail/desks/{id}/reminders</c>, pending unless <c>?include_completed=true</c>) and scheduled closes
/// (<c>/api/modmail/desks/{id}/scheduled-closes</c>). A scheduled close is cancelled on its ticket
/// (<c>DELETE /api/modmail/desks/{id}/tickets/{ticketId}/scheduled-close</c>, in the tickets API).
/// </summary>
internal static class RemindersApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var desk = endpoints.MapGroup("/api/modmail/desks/{id:guid}").WithTags("Modmail: reminders").RequirePermission(Permissions.Account);

        desk.MapGet("/reminders", async Task<Results<Ok<List<ReminderView>>, ProblemHttpResult>> (
            Guid id, [FromQuery(Name = "include_completed")] bool? includeCompleted, HttpContext context, PanelGate gate, ModmailDbContext db, TicketVisibility visibility,
            CancellationToken cancellationToken) =>
        {
            var (caller, problem) = await gate.EnterAsync(context.User, id, PanelPermissions.ViewTickets, cancellationToken);
            if (caller is null)
            {
                return problem!;
            }
            var tickets = await visibility.VisibleAsync(caller, cancellationToken);
            var reminders = db.Reminders.AsNoTracking().Where(r => includeCompleted == true || !r.Completed);
            var rows = await reminders
                .Join(tickets, r => r.ThreadId, t => t.Id, (r, t) => new { Reminder = r, t.UserName })
                .OrderBy(x => x.Reminder.TriggerTime)
                .Take(1000)
                .ToListAsync(cancellationToken);
            return TypedResults.Ok(rows.Select(x => new ReminderView(x.Reminder.Id, x.Reminder.ThreadId, x.UserName, x.Reminder.UserId,
                x.Reminder.ReminderContent, x.Reminder.TriggerTime, x.Reminder.CreatedAt, x.Reminder.Completed)).ToList());
        });

        desk.MapGet("/scheduled-closes", async Task<Results<Ok<List<ScheduledCloseView>>, ProblemHttpResult>> (
            Guid id, HttpContext context, PanelGate gate, ModmailDbContext db, TicketVisibility visibility, CancellationToken cancellationToken) =>
        {
            var (caller, problem) = await gate.EnterAsync(context.User, id, PanelPermissions.ViewTickets, cancellationToken);
            if (caller is null)
            {
                return problem!;
            }
            var tickets = await visibility.VisibleAsync(caller, cancellationToken);
            var rows = await db.ScheduledClosures.AsNoTracking()
                .Join(tickets, c => c.ThreadId, t => t.Id, (c, t) => new { Close = c, t.UserName })
                .OrderBy(x => x.Close.ScheduledTime)
                .Take(1000)
                .ToListAsync(cancellationToken);
            return TypedResults.Ok(rows.Select(x => new ScheduledCloseView(x.Close.Id, x.Close.ThreadId, x.UserName, x.Close.ScheduledTime, x.Close.Silent, x.Close.CreatedBy)).ToList());
        });
    }
}
