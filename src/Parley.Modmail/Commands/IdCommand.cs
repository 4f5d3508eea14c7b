namespace Parley.Modmail.Commands;

/// <summary><c>id</c>: the ticket's member id in the transport's terms (a Chat user id, an email address).</summary>
internal sealed class IdCommand(CommandNotices answers) : ITicketCommand
{
    public IReadOnlyList<string> Names { get; } = ["id"];

    public string Usage => "id — the member's id (Chat user id or email address)";

    public async Task RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (!await answers.RequireTicketAsync(context, cancellationToken))
        {
            return;
        }
        var ticket = context.Ticket!;
        await answers.SayAsync(context, $"🪪 {ticket.UserName}: `{ticket.UserId}` ({ticket.Transport})", cancellationToken);
    }
}
