using Parley.Modmail.Desks;

namespace Parley.Modmail.Commands;

/// <summary><c>status [text]</c>: the bot's presence text (see <see cref="DeskStatus"/>); no text clears it.</summary>
internal sealed class StatusCommand(DeskStatus status, CommandNotices answers) : ITicketCommand
{
    public IReadOnlyList<string> Names { get; } = ["status"];

    public string Usage => "status [text] — set the support bot's status; without text, clear it";

    public async Task RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var (text, refusal) = await status.SetAsync(context.Desk.Id, context.Staff, context.Arguments, cancellationToken);
        await (refusal is not null
            ? answers.RefuseAsync(context, refusal, cancellationToken)
            : answers.SayAsync(context, text is null ? "The bot's status is cleared." : $"The bot's status is now \"{text}\".", cancellationToken));
    }
}
