namespace Parley.Modmail.Commands;

/// <summary>
/// One of Rustmail's text commands, run when staff write <c>{prefix}{name} {arguments}</c> in a ticket channel
/// (<c>!reply Hello</c>, <c>!ar Hello</c>, <c>!close 1d12h -s</c>). Each command is one class registered with
/// <c>AddTicketCommand&lt;T&gt;()</c>; <see cref="TicketCommands"/> finds it by name or alias. The panel and the
/// API call the same services the commands call, not the commands.
/// </summary>
internal interface ITicketCommand
{
    /// <summary>The name first, then aliases; lower case (<c>["anonreply", "ar"]</c>).</summary>
    IReadOnlyList<string> Names { get; }

    /// <summary>One line for <c>help</c>: usage and what it does.</summary>
    string Usage { get; }

    Task RunAsync(CommandContext context, CancellationToken cancellationToken);
}
