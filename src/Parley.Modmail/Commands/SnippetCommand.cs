using Parley.Modmail.Snippets;

namespace Parley.Modmail.Commands;

/// <summary>
/// <c>snippet &lt;key&gt; [-a|--anonymous]</c>: sends a saved reply (see <see cref="SnippetReplies"/>); without a key,
/// lists the keys. Snippets are written in the panel or by API, as in Rustmail.
/// </summary>
internal sealed class SnippetCommand(SnippetReplies snippets, CommandNotices answers) : ITicketCommand
{
    public IReadOnlyList<string> Names { get; } = ["snippet", "s"];

    public string Usage => "snippet <key> [-a|--anonymous] — send a saved reply to the member; snippet alone lists the keys";

    public async Task RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var args = CommandArguments.Parse(context.Arguments);
        if (args.First is null)
        {
            var keys = await snippets.KeysAsync(cancellationToken);
            await answers.SayAsync(context, keys.Count == 0 ? "No snippets yet: add them in the panel." : "Snippets: " + string.Join(", ", keys), cancellationToken);
            return;
        }
        if (!await answers.RequireTicketAsync(context, cancellationToken))
        {
            return;
        }
        var anonymous = args.HasFlag("-a", "--anonymous", "--anon");
        var (_, refusal) = await snippets.SendAsync(context.Ticket!.Id, context.Staff, args.First, anonymous, cancellationToken);
        // The reply itself appears in the channel (mirrored by the engine); only a refusal needs an answer.
        if (refusal is not null)
        {
            await answers.RefuseAsync(context, refusal, cancellationToken);
        }
    }
}
