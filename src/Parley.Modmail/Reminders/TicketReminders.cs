using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Core.Jobs;
using Parley.Core.Security;
using Parley.Modmail.Staff;
using Parley.Modmail.Storage;
using Parley.Modmail.Tickets;

namespace Parley.Modmail.Reminders;

/// <summary>
/// <c>add_reminder</c> / <c>remove_reminder</c>: a <c>reminders</c> row (times in Unix seconds, as the seed keeps them)
/// and a Core job due at its trigger time, committed together — a restart in between loses neither. Removing deletes
/// the row, so the job finds nothing to post when it comes due.
/// </summary>
internal sealed class TicketReminders(ModmailDbContext db, StaffTicketAccess access, JobQueue jobs, IOptionsMonitor<ModmailOptions> options, TimeProvider clock)
{
    public async Task<(Reminder? Reminder, Refusal? Refusal)> AddAsync(
        Guid ticketId, StaffActor staff, TimeSpan delay, string? text, CancellationToken cancellationToken)
    {
        if (delay <= TimeSpan.Zero || delay > Commands.Durations.Longest)
        {
            return (null, Refusal.Invalid("duration", "must be between 1 second and a year"));
        }
        var content = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        if (content is not null && content.Length > options.CurrentValue.MaxMessageLength)
        {
            return (null, Refusal.Invalid("text", $"at most {options.CurrentValue.MaxMessageLength} characters"));
        }
        var (ticket, desk, refusal) = await access.LoadAsync(ticketId, staff, mustBeOpen: true, cancellationToken);
        if (ticket is null || desk is null)
        {
            return (null, refusal);
        }
        var now = clock.GetUtcNow();
        var due = now + delay;
        var reminder = new Reminder
        {
            ThreadId = ticket.Id,
            UserId = staff.UserId.ToString(),
            ChannelId = ticket.ChannelId ?? "",
            GuildId = desk.StaffCommunityId.ToString(),
            ReminderContent = content,
            TriggerTime = due.ToUnixTimeSeconds(),
            CreatedAt = now.ToUnixTimeSeconds(),
        };
        db.Reminders.Add(reminder);
        // Saved first for its id; the job names the row, and both are in one transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        jobs.Enqueue(db, ReminderJob.JobKind, new ReminderJob.Payload(reminder.Id), due.UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (reminder, null);
    }

    /// <summary>Removes one of the staff member's own pending reminders.</summary>
    public async Task<Refusal?> RemoveAsync(long reminderId, StaffActor staff, CancellationToken cancellationToken)
    {
        var reminder = await db.Reminders.FirstOrDefaultAsync(r => r.Id == reminderId, cancellationToken);
        if (reminder is null || reminder.Completed)
        {
            return Refusal.NotFound("reminder_not_found", $"No pending reminder #{reminderId}.");
        }
        var (ticket, _, refusal) = await access.LoadAsync(reminder.ThreadId, staff, mustBeOpen: false, cancellationToken);
        if (ticket is null)
        {
            return refusal;
        }
        if (reminder.UserId != staff.UserId.ToString())
        {
            return Refusal.Forbidden("not_your_reminder", $"Reminder #{reminderId} belongs to someone else.");
        }
        db.Reminders.Remove(reminder);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>A ticket's pending reminders, soonest first (for the panel and the command's answer).</summary>
    public Task<List<Reminder>> PendingAsync(Guid ticketId, CancellationToken cancellationToken) =>
        db.Reminders.AsNoTracking().Where(r => r.ThreadId == ticketId && !r.Completed).OrderBy(r => r.TriggerTime).ToListAsync(cancellationToken);
}
