using System.Globalization;
using Parley.Modmail.Reminders;

namespace Parley.Modmail.Commands;

/// <summary><c>remove_reminder &lt;id&gt;</c>: see <see cref="TicketReminders"/>.</summary>
internal sealed class RemoveReminderCommand(TicketReminders reminders, CommandNotices answers) : ITicketCommand
{
    public IReadOnlyList<string> Names { get; } = ["remove_reminder", "unremind", "unrem"];

    public string Usage => "remove_reminder <id> — cancel one of your pending reminders";

    public async Task RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var argument = CommandArguments.Parse(context.Arguments).First?.TrimStart('#');
        if (argument is null || !long.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            await answers.UsageAsync(context, this, cancellationToken);
            return;
        }
        var refusal = await reminders.RemoveAsync(id, context.Staff, cancellationToken);
        await (refusal is not null
            ? answers.RefuseAsync(context, refusal, cancellationToken)
            : answers.SayAsync(context, $"⏰ Reminder #{id} removed.", cancellationToken));
    }
}
