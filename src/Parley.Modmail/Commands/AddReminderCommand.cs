using System.Globalization;
using Parley.Modmail.Reminders;

namespace Parley.Modmail.Commands;

/// <summary><c>add_reminder &lt;duration&gt; [text]</c>: see <see cref="TicketReminders"/>.</summary>
internal sealed class AddReminderCommand(TicketReminders reminders, CommandNotices answers) : ITicketCommand
{
    public IReadOnlyList<string> Names { get; } = ["add_reminder", "remind", "rem"];

    public string Usage => "add_reminder <duration> [text] — ping me here after the duration (30m, 1d12h, 2w)";

    public async Task RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (!await answers.RequireTicketAsync(context, cancellationToken))
        {
            return;
        }
        var (first, text) = CommandArguments.SplitFirst(context.Arguments);
        if (first.Length == 0)
        {
            await answers.UsageAsync(context, this, cancellationToken);
            return;
        }
        if (!Durations.TryParse(first, out var delay))
        {
            await answers.RefuseAsync(context, $"\"{first}\" is not a duration (like 30m, 1d12h, 2w; at most a year).", cancellationToken);
            return;
        }
        var (reminder, refusal) = await reminders.AddAsync(context.Ticket!.Id, context.Staff, delay, text, cancellationToken);
        await (refusal is not null
            ? answers.RefuseAsync(context, refusal, cancellationToken)
            : answers.SayAsync(context, $"⏰ Reminder #{reminder!.Id} set for {DateTimeOffset.FromUnixTimeSeconds(reminder.TriggerTime).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC; remove it with {context.Desk.Prefix}remove_reminder {reminder.Id}.", cancellationToken));
    }
}
