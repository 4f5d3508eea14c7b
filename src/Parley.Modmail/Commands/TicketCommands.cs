namespace Parley.Modmail.Commands;

/// <summary>
/// Finds and runs the command a staff message names (prefix, name or alias, arguments); answers an unknown command
/// or a refusal with a notice in the channel. Messages without the prefix are staff notes and are not relayed.
/// SEAM — owner: ENGINE (reply, anonreply, edit, delete, close, force_close); COMMANDS adds the other commands.
/// </summary>
internal sealed class TicketCommands(IEnumerable<ITicketCommand> commands)
{
    private readonly IReadOnlyList<ITicketCommand> _commands = commands.ToList();

    public IReadOnlyList<ITicketCommand> All => _commands;

    public ITicketCommand? Find(string name) =>
        _commands.FirstOrDefault(c => c.Names.Contains(name.ToLowerInvariant()));
}
