using Parley.Core.Security;
using Parley.Modmail.Staff;

namespace Parley.Modmail.Commands;

/// <summary>
/// How a command answers: a notice from the desk's bot in the channel the command was written in — the ticket channel
/// (through the ticket, so it is recorded with it) or another staff channel. A refusal is one line, and nothing changed.
/// </summary>
internal sealed class CommandNotices(ChannelUpdates channels)
{
    public Task SayAsync(CommandContext context, string text, CancellationToken cancellationToken) =>
        SayAsync(context, text, [], cancellationToken);

    public async Task SayAsync(CommandContext context, string text, IReadOnlyList<Guid> mention, CancellationToken cancellationToken)
    {
        if (context.Ticket is not null)
        {
            await channels.NoticeAsync(context.Ticket, text, mention, cancellationToken);
        }
        else
        {
            await channels.NoticeAsync(context.Desk.Id, context.ChannelId, text, cancellationToken);
        }
    }

    public Task RefuseAsync(CommandContext context, Refusal refusal, CancellationToken cancellationToken) =>
        SayAsync(context, "⚠ " + refusal.Detail, cancellationToken);

    public Task RefuseAsync(CommandContext context, string reason, CancellationToken cancellationToken) =>
        SayAsync(context, "⚠ " + reason, cancellationToken);

    /// <summary>Answers with the command's usage line (missing or malformed arguments).</summary>
    public Task UsageAsync(CommandContext context, ITicketCommand command, CancellationToken cancellationToken) =>
        RefuseAsync(context, "Usage: " + context.Desk.Prefix + command.Usage, cancellationToken);

    /// <summary>Answers "use this in a ticket channel" when the command needs a ticket; true when there is one.</summary>
    public async Task<bool> RequireTicketAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (context.Ticket is not null)
        {
            return true;
        }
        await RefuseAsync(context, $"Use {context.Desk.Prefix}{context.CommandName} in a ticket channel.", cancellationToken);
        return false;
    }
}
