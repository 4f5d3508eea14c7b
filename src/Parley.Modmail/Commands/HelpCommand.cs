using System.Text;
using Microsoft.Extensions.DependencyInjection;

namespace Parley.Modmail.Commands;

/// <summary>
/// <c>help</c>: every command's usage line with its aliases, in the desk's prefix. The command set is read when help
/// runs (it contains help itself, so it cannot be a constructor argument).
/// </summary>
internal sealed class HelpCommand(IServiceProvider services, CommandNotices answers) : ITicketCommand
{
    public IReadOnlyList<string> Names { get; } = ["help", "commands"];

    public string Usage => "help — this list";

    public async Task RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var commands = services.GetRequiredService<TicketCommands>().All;
        await answers.SayAsync(context, Render(context.Desk.Prefix, commands), cancellationToken);
    }

    internal static string Render(string prefix, IEnumerable<ITicketCommand> commands)
    {
        var text = new StringBuilder("Commands (staff notes: anything not starting with " + prefix + "):");
        foreach (var command in commands.OrderBy(c => c.Names[0], StringComparer.Ordinal))
        {
            text.Append('\n').Append(prefix).Append(command.Usage);
            if (command.Names.Count > 1)
            {
                text.Append(" (also ").Append(string.Join(", ", command.Names.Skip(1).Select(n => prefix + n))).Append(')');
            }
        }
        return text.ToString();
    }
}
