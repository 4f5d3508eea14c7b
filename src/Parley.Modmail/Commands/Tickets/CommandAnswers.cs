using Parley.Core.Security;
using Parley.Modmail.Staff;

namespace Parley.Modmail.Commands.Tickets;

/// <summary>How a command answers staff: a notice from the bot in the channel the command was written in.</summary>
internal static class CommandAnswers
{
    public static Task<Guid?> AnswerAsync(this TicketChannels channels, CommandContext context, string text, CancellationToken cancellationToken) =>
        context.Ticket is { } ticket && ticket.ChannelId == context.ChannelId.ToString()
            ? channels.PostNoticeAsync(ticket, text, [], cancellationToken)
            : channels.PostNoticeAsync(context.Desk.Id, context.ChannelId, text, cancellationToken);

    public static Task<Guid?> RefuseAsync(this TicketChannels channels, CommandContext context, Refusal refusal, CancellationToken cancellationToken) =>
        channels.AnswerAsync(context, "⚠ " + (refusal.Errors is { Count: > 0 } errors
            ? string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}"))
            : refusal.Detail), cancellationToken);

    /// <summary>Commands about one ticket run in its channel; elsewhere they say so and return false.</summary>
    public static async Task<bool> RequireTicketAsync(this TicketChannels channels, CommandContext context, CancellationToken cancellationToken)
    {
        if (context.Ticket is not null)
        {
            return true;
        }
        await channels.AnswerAsync(context, $"⚠ `{context.Desk.Prefix}{context.CommandName}` works in a ticket channel.", cancellationToken);
        return false;
    }
}
