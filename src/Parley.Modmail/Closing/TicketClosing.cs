using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Parley.Core.Events;
using Parley.Core.Jobs;
using Parley.Core.Security;
using Parley.Core.Webhooks;
using Parley.Modmail.Desks;
using Parley.Modmail.Staff;
using Parley.Modmail.Storage;
using Parley.Modmail.Tickets;
using Parley.Modmail.Transports;

namespace Parley.Modmail.Closing;

/// <summary>
/// Closing a ticket (<c>close</c>, <c>force_close</c>): now, or scheduled after a delay (a <c>scheduled_closures</c> row
/// and a Core job, <see cref="ScheduledCloseJob"/>; cancelled by <c>close cancel</c> or by the member writing again),
/// silently or with the desk's closing message. Records <c>thread_status</c>, archives the ticket channel, publishes
/// <c>ticket.closed</c>. A ticket whose member left closes only with <c>force_close</c> (as in Rustmail), silently.
/// </summary>
internal sealed partial class TicketClosing(
    ModmailDbContext db, TicketAudience audience, TicketChannels channels, MemberTransports transports, TicketLocks locks, JobQueue jobs,
    WebhookPublisher webhooks, EventBus bus, TimeProvider clock, ILogger<TicketClosing> logger)
{
    /// <summary><c>threads.closed_by</c> for a scheduled close.</summary>
    public const string System = "system";

    public Task<Refusal?> CloseAsync(Guid ticketId, StaffActor staff, bool silent, CancellationToken cancellationToken) =>
        CloseAsync(ticketId, staff, silent, force: false, cancellationToken);

    /// <summary><c>force_close</c>: closes whatever the member's state, without a closing message.</summary>
    public Task<Refusal?> ForceCloseAsync(Guid ticketId, StaffActor staff, CancellationToken cancellationToken) =>
        CloseAsync(ticketId, staff, silent: true, force: true, cancellationToken);

    public async Task<Refusal?> ScheduleAsync(Guid ticketId, StaffActor staff, TimeSpan delay, bool silent, CancellationToken cancellationToken)
    {
        if (delay <= TimeSpan.Zero)
        {
            return Refusal.Invalid("duration", "must be positive");
        }
        using var held = await locks.HoldAsync(TicketLocks.Ticket(ticketId), cancellationToken);
        var (ticket, _, refusal) = await ResolveOpenAsync(ticketId, staff, cancellationToken);
        if (ticket is null)
        {
            return refusal;
        }
        if (ticket.UserLeft)
        {
            return Refusal.Conflict("member_left", "The member left: use force_close.");
        }
        var due = clock.GetUtcNow() + delay;
        var closure = await db.ScheduledClosures.FirstOrDefaultAsync(c => c.ThreadId == ticketId, cancellationToken);
        if (closure is null)
        {
            closure = new ScheduledClosure { ThreadId = ticketId, CreatedBy = staff.UserId.ToString() };
            db.ScheduledClosures.Add(closure);
        }
        closure.ScheduledTime = due.ToUnixTimeSeconds();
        closure.Silent = silent;
        closure.CreatedBy = staff.UserId.ToString();
        // The job carries the time it is for: a close rescheduled or cancelled since leaves it with nothing to do.
        jobs.Enqueue(db, ScheduledCloseJob.JobKind, new ScheduledCloseJob.Payload(ticketId, closure.ScheduledTime), due.UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        await channels.PostNoticeAsync(ticket,
            $"This ticket will close{(silent ? " silently" : "")} at {due.UtcDateTime:yyyy-MM-dd HH:mm} UTC unless the member writes again. `close cancel` keeps it open.",
            [], cancellationToken);
        return null;
    }

    public async Task<Refusal?> CancelScheduledAsync(Guid ticketId, StaffActor staff, CancellationToken cancellationToken)
    {
        using var held = await locks.HoldAsync(TicketLocks.Ticket(ticketId), cancellationToken);
        var (ticket, _, refusal) = await ResolveOpenAsync(ticketId, staff, cancellationToken);
        if (ticket is null)
        {
            return refusal;
        }
        var removed = await db.ScheduledClosures.Where(c => c.ThreadId == ticketId).ExecuteDeleteAsync(cancellationToken);
        if (removed == 0)
        {
            return Refusal.NotFound("no_scheduled_close", "No close is scheduled for this ticket.");
        }
        await channels.PostNoticeAsync(ticket, "The scheduled close was cancelled.", [], cancellationToken);
        return null;
    }

    /// <summary>Runs a scheduled close that is still wanted (<see cref="ScheduledCloseJob"/>).</summary>
    public async Task RunScheduledAsync(Guid ticketId, long scheduledTime, CancellationToken cancellationToken)
    {
        using var held = await locks.HoldAsync(TicketLocks.Ticket(ticketId), cancellationToken);
        var closure = await db.ScheduledClosures.AsNoTracking().FirstOrDefaultAsync(c => c.ThreadId == ticketId, cancellationToken);
        if (closure is null || closure.ScheduledTime != scheduledTime)
        {
            return;
        }
        var ticket = await db.Tickets.FirstOrDefaultAsync(t => t.Id == ticketId, cancellationToken);
        var desk = ticket is null ? null : await db.Desks.AsNoTracking().FirstOrDefaultAsync(d => d.Id == ticket.DeskId, cancellationToken);
        if (ticket is null || desk is null || ticket.Status != TicketStatus.Open)
        {
            await db.ScheduledClosures.Where(c => c.ThreadId == ticketId).ExecuteDeleteAsync(cancellationToken);
            return;
        }
        await CloseTicketAsync(ticket, desk, System, "the schedule", closure.Silent || ticket.UserLeft, cancellationToken);
    }

    private async Task<Refusal?> CloseAsync(Guid ticketId, StaffActor staff, bool silent, bool force, CancellationToken cancellationToken)
    {
        using var held = await locks.HoldAsync(TicketLocks.Ticket(ticketId), cancellationToken);
        var (ticket, desk, refusal) = await ResolveOpenAsync(ticketId, staff, cancellationToken);
        if (ticket is null)
        {
            return refusal;
        }
        if (ticket.UserLeft && !force)
        {
            return Refusal.Conflict("member_left", "The member left: use force_close.");
        }
        await CloseTicketAsync(ticket, desk!, staff.UserId.ToString(), staff.Name, silent, cancellationToken);
        return null;
    }

    private async Task CloseTicketAsync(Ticket ticket, SupportDesk desk, string closedBy, string byName, bool silent, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        ticket.Status = TicketStatus.Closed;
        ticket.ClosedAt = now;
        ticket.ClosedBy = closedBy;
        ticket.AwaitingStaff = false;
        ticket.UpdatedAt = now;
        db.TicketStatusChanges.Add(new TicketStatusChange { ThreadId = ticket.Id, Status = TicketStatus.Closed, ChangedAt = now });
        var closure = await db.ScheduledClosures.FirstOrDefaultAsync(c => c.ThreadId == ticket.Id, cancellationToken);
        if (closure is not null)
        {
            db.ScheduledClosures.Remove(closure);
        }
        await webhooks.EnqueueAsync(db, "ticket.closed", TicketView.From(ticket), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        if (!silent && transports.Find(ticket.Transport) is { } transport)
        {
            try
            {
                await transport.DeliverAsync(new MemberDelivery(MemberTransports.RefOf(ticket), desk.ClosingMessage, null, null, null, [], MemberDeliveryKind.Closing), cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The ticket is closed either way; staff see the failure in the log.
                LogClosingMessageFailed(logger, ex, ticket.Id);
            }
        }
        await channels.PostNoticeAsync(ticket, $"Ticket closed by {byName}{(silent ? " (silently)" : "")}.", [], cancellationToken);
        await channels.ArchiveAsync(ticket, cancellationToken);
        await bus.PublishAsync(new TicketClosed(ticket.Id, ticket.DeskId, closedBy, silent), cancellationToken);
    }

    private async Task<(Ticket? Ticket, SupportDesk? Desk, Refusal? Refusal)> ResolveOpenAsync(Guid ticketId, StaffActor staff, CancellationToken cancellationToken)
    {
        var ticket = await db.Tickets.FirstOrDefaultAsync(t => t.Id == ticketId, cancellationToken);
        var desk = ticket is null ? null : await db.Desks.AsNoTracking().FirstOrDefaultAsync(d => d.Id == ticket.DeskId, cancellationToken);
        if (ticket is null || desk is null || !await audience.MaySeeAsync(desk, ticket, staff.UserId, cancellationToken))
        {
            return (null, null, Refusal.NotFound("ticket_not_found", "No such ticket."));
        }
        return ticket.Status == TicketStatus.Open
            ? (ticket, desk, null)
            : (null, null, Refusal.Conflict("ticket_closed", "The ticket is closed."));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Modmail: the closing message of ticket {TicketId} was not delivered")]
    private static partial void LogClosingMessageFailed(ILogger logger, Exception ex, Guid ticketId);
}
