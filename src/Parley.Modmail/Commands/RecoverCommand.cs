using Parley.Modmail.Staff;
using Parley.Modmail.Tickets;

namespace Parley.Modmail.Commands;

/// <summary><c>recover</c>: runs <see cref="MessageRecovery"/> for this desk now, and says what it found.</summary>
internal sealed class RecoverCommand(MessageRecovery recovery, StaffRoster roster, CommandNotices answers) : ITicketCommand
{
    public IReadOnlyList<string> Names { get; } = ["recover"];

    public string Usage => "recover — relay member messages Parley stored but never relayed (a crash, a failing handler)";

    public async Task RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (!await roster.IsStaffAsync(context.Desk, context.Staff.UserId, cancellationToken))
        {
            await answers.RefuseAsync(context, "Only the desk's staff can do that.", cancellationToken);
            return;
        }
        var report = await recovery.RunAsync(context.Desk.Id, cancellationToken);
        var failed = report.Failed == 0 ? "" : $"; {report.Failed} source{(report.Failed == 1 ? "" : "s")} could not be checked (see the server log)";
        await answers.SayAsync(context, $"🔄 Recovery: {report.Recovered} missed message{(report.Recovered == 1 ? "" : "s")} relayed{failed}.", cancellationToken);
    }
}
