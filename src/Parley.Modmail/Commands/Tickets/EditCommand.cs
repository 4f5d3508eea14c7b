using System.Globalization;
using Parley.Modmail.Staff;
using Parley.Modmail.Tickets;

namespace Parley.Modmail.Commands.Tickets;

/// <summary><c>edit &lt;n&gt; &lt;text&gt;</c>: changes reply number n on both sides.</summary>
internal sealed class EditCommand(StaffReplies replies, TicketChannels channels) : ITicketCommand
{
    public IReadOnlyList<string> Names => ["edit", "e"];

    public string Usage => "edit <n> <text> — change your reply number n, for the member too";

    public async Task RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (!await channels.RequireTicketAsync(context, cancellationToken))
        {
            return;
        }
        var parts = context.Arguments.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length < 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            await channels.AnswerAsync(context, $"⚠ Usage: `{context.Desk.Prefix}{Usage}`", cancellationToken);
            return;
        }
        var (_, refusal) = await replies.EditAsync(context.Ticket!.Id, context.Staff, number, parts[1], cancellationToken);
        await channels.AnswerAsync(context, refusal is null ? $"Reply #{number} edited." : "⚠ " + refusal.Detail, cancellationToken);
    }
}

/// <summary><c>delete &lt;n&gt;</c>: withdraws reply number n from both sides (kept in the transcript).</summary>
internal sealed class DeleteCommand(StaffReplies replies, TicketChannels channels) : ITicketCommand
{
    public IReadOnlyList<string> Names => ["delete", "d"];

    public string Usage => "delete <n> — withdraw your reply number n, for the member too";

    public async Task RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (!await channels.RequireTicketAsync(context, cancellationToken))
        {
            return;
        }
        if (!int.TryParse(context.Arguments.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            await channels.AnswerAsync(context, $"⚠ Usage: `{context.Desk.Prefix}{Usage}`", cancellationToken);
            return;
        }
        var refusal = await replies.DeleteAsync(context.Ticket!.Id, context.Staff, number, cancellationToken);
        await channels.AnswerAsync(context, refusal is null ? $"Reply #{number} deleted." : "⚠ " + refusal.Detail, cancellationToken);
    }
}
