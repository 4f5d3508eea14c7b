using Parley.Modmail.Closing;
using Parley.Modmail.Staff;

namespace Parley.Modmail.Commands.Tickets;

/// <summary>
/// <c>close [duration] [-s|--silent]</c> and <c>close cancel</c>, as Rustmail's: now, or after a <c>1d12h</c>-style delay
/// (cancelled when the member writes again), with or without the closing message.
/// </summary>
internal sealed class CloseCommand(TicketClosing closing, TicketChannels channels) : ITicketCommand
{
    public IReadOnlyList<string> Names => ["close", "c"];

    public string Usage => "close [duration] [-s|--silent] | close cancel — close now or later, silently or not";

    public async Task RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (!await channels.RequireTicketAsync(context, cancellationToken))
        {
            return;
        }
        var words = context.Arguments.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var ticketId = context.Ticket!.Id;
        if (words.Length == 1 && words[0].Equals("cancel", StringComparison.OrdinalIgnoreCase))
        {
            if (await closing.CancelScheduledAsync(ticketId, context.Staff, cancellationToken) is { } refusal)
            {
                await channels.RefuseAsync(context, refusal, cancellationToken);
            }
            return;
        }
        var silent = false;
        TimeSpan? delay = null;
        foreach (var word in words)
        {
            if (word is "-s" or "--silent")
            {
                silent = true;
            }
            else if (delay is null && Durations.TryParse(word, out var parsed))
            {
                delay = parsed;
            }
            else
            {
                await channels.AnswerAsync(context, $"⚠ Usage: `{context.Desk.Prefix}{Usage}` (durations like 30m, 1d12h)", cancellationToken);
                return;
            }
        }
        var outcome = delay is { } after
            ? await closing.ScheduleAsync(ticketId, context.Staff, after, silent, cancellationToken)
            : await closing.CloseAsync(ticketId, context.Staff, silent, cancellationToken);
        if (outcome is not null)
        {
            await channels.RefuseAsync(context, outcome, cancellationToken);
        }
    }
}

/// <summary><c>force_close</c>: closes a ticket whose member left (nothing is sent to them).</summary>
internal sealed class ForceCloseCommand(TicketClosing closing, TicketChannels channels) : ITicketCommand
{
    public IReadOnlyList<string> Names => ["force_close", "fc"];

    public string Usage => "force_close — close a ticket whose member has left";

    public async Task RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (!await channels.RequireTicketAsync(context, cancellationToken))
        {
            return;
        }
        if (await closing.ForceCloseAsync(context.Ticket!.Id, context.Staff, cancellationToken) is { } refusal)
        {
            await channels.RefuseAsync(context, refusal, cancellationToken);
        }
    }
}
