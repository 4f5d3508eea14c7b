using Microsoft.EntityFrameworkCore;
using Parley.Core.Jobs;
using Parley.Modmail.Staff;
using Parley.Modmail.Storage;
using Parley.Modmail.Tickets;

namespace Parley.Modmail.Reminders;

/// <summary>
/// <c>modmail.reminders.fire</c>: enqueued for a reminder's trigger time by <see cref="TicketReminders"/>. Posts the
/// reminder in the ticket channel mentioning its author, then marks it completed. A removed or completed reminder is
/// left alone; a reminder in a ticket closed meanwhile is completed without a post (its channel is archived). A post that
/// fails is retried by the job runner — the reminder stays pending until it is posted.
/// </summary>
internal sealed class ReminderJob(ModmailDbContext db, ChannelUpdates channels, TimeProvider clock) : IJobHandler
{
    public const string JobKind = "modmail.reminders.fire";

    public sealed record Payload(long ReminderId);

    public string Kind => JobKind;

    public async Task ExecuteAsync(JobExecution job, CancellationToken cancellationToken)
    {
        var reminderId = job.Payload<Payload>().ReminderId;
        var reminder = await db.Reminders.FirstOrDefaultAsync(r => r.Id == reminderId, cancellationToken);
        if (reminder is null || reminder.Completed)
        {
            return;
        }
        // The job may be picked up early only if the clock went back; then it waits for its time again.
        var now = clock.GetUtcNow();
        if (reminder.TriggerTime > now.ToUnixTimeSeconds())
        {
            throw new JobRetryException(TimeSpan.FromSeconds(reminder.TriggerTime - now.ToUnixTimeSeconds()));
        }
        var ticket = await db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.Id == reminder.ThreadId, cancellationToken);
        if (ticket is not null && ticket.Status == TicketStatus.Open && Guid.TryParse(reminder.UserId, out var staffId))
        {
            await channels.NoticeAsync(ticket, Text(reminder), [staffId], cancellationToken);
        }
        reminder.Completed = true;
        await db.SaveChangesAsync(cancellationToken);
    }

    internal static string Text(Reminder reminder) =>
        reminder.ReminderContent is null
            ? $"⏰ Reminder #{reminder.Id}."
            : $"⏰ Reminder #{reminder.Id}: {reminder.ReminderContent}";
}
