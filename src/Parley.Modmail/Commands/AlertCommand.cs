using Parley.Modmail.Alerts;

namespace Parley.Modmail.Commands;

/// <summary><c>alert [cancel]</c>: see <see cref="TicketAlerts"/>.</summary>
internal sealed class AlertCommand(TicketAlerts alerts, CommandNotices answers) : ITicketCommand
{
    public IReadOnlyList<string> Names { get; } = ["alert"];

    public string Usage => "alert [cancel] — ping me when the member next writes (cancel: don't)";

    public async Task RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (!await answers.RequireTicketAsync(context, cancellationToken))
        {
            return;
        }
        var args = CommandArguments.Parse(context.Arguments);
        var cancel = args.HasFlag("-c", "--cancel") || string.Equals(args.First, "cancel", StringComparison.OrdinalIgnoreCase);
        if (!cancel && args.Words.Count > 0)
        {
            await answers.UsageAsync(context, this, cancellationToken);
            return;
        }
        if (cancel)
        {
            var refusal = await alerts.CancelAsync(context.Ticket!.Id, context.Staff, cancellationToken);
            await (refusal is not null
                ? answers.RefuseAsync(context, refusal, cancellationToken)
                : answers.SayAsync(context, $"🔕 {context.Staff.Name}'s alert is cancelled.", cancellationToken));
            return;
        }
        var (added, setRefusal) = await alerts.SetAsync(context.Ticket!.Id, context.Staff, cancellationToken);
        await (setRefusal is not null
            ? answers.RefuseAsync(context, setRefusal, cancellationToken)
            : answers.SayAsync(context, added
                ? $"🔔 {context.Staff.Name} will be pinged when {context.Ticket.UserName} next writes."
                : $"🔔 {context.Staff.Name} already has an alert for {context.Ticket.UserName}.", cancellationToken));
    }
}
