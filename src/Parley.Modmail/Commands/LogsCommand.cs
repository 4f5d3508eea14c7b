using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using Parley.Modmail.Staff;
using Parley.Modmail.Tickets;

namespace Parley.Modmail.Commands;

/// <summary><c>logs [user]</c>: the member's past tickets at this desk with transcript links (see <see cref="MemberHistory"/>).</summary>
internal sealed class LogsCommand(MemberHistory history, UserResolver users, StaffRoster roster, CommandNotices answers, IOptionsMonitor<ModmailOptions> options) : ITicketCommand
{
    public IReadOnlyList<string> Names { get; } = ["logs", "history"];

    public string Usage => "logs [user] — the member's past tickets with links to their transcripts";

    public async Task RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (!await roster.IsStaffAsync(context.Desk, context.Staff.UserId, cancellationToken))
        {
            await answers.RefuseAsync(context, "Only the desk's staff can do that.", cancellationToken);
            return;
        }
        var argument = CommandArguments.Parse(context.Arguments).First;
        NamedMember? member;
        if (argument is not null)
        {
            member = await users.ResolveMemberAsync(argument, cancellationToken);
            if (member is null)
            {
                await answers.RefuseAsync(context, $"No user \"{argument}\".", cancellationToken);
                return;
            }
        }
        else if (context.Ticket is { } ticket)
        {
            member = new NamedMember(ticket.UserId, ticket.UserName);
        }
        else
        {
            await answers.UsageAsync(context, this, cancellationToken);
            return;
        }
        var (tickets, total) = await history.ListAsync(context.Desk.Id, member.MemberId, context.Ticket?.Id, options.CurrentValue.LogsListLength, cancellationToken);
        await answers.SayAsync(context, Render(member, tickets, total), cancellationToken);
    }

    internal static string Render(NamedMember member, IReadOnlyList<PastTicket> tickets, int total)
    {
        if (total == 0)
        {
            return $"📜 No other tickets from {member.Name}.";
        }
        var text = new StringBuilder($"📜 {member.Name}: {total} other ticket{(total == 1 ? "" : "s")}");
        text.Append(tickets.Count < total ? $", the latest {tickets.Count}:" : ":");
        foreach (var t in tickets)
        {
            text.Append('\n').Append("• ").Append(t.CreatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)).Append(" UTC");
            text.Append(t.Status == TicketStatus.Open ? " (open)" : t.ClosedAt is { } closed ? " – closed " + closed.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : " – closed");
            if (t.CategoryName is not null)
            {
                text.Append(" [").Append(t.CategoryName).Append(']');
            }
            text.Append(' ').Append(t.TranscriptPath);
        }
        return text.ToString();
    }
}
