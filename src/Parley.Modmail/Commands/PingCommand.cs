using Microsoft.EntityFrameworkCore;
using Parley.Modmail.Storage;

namespace Parley.Modmail.Commands;

/// <summary><c>ping</c>: Modmail is listening; answers with how long a round trip to its database takes.</summary>
internal sealed class PingCommand(ModmailDbContext db, CommandNotices answers, TimeProvider clock) : ITicketCommand
{
    public IReadOnlyList<string> Names { get; } = ["ping"];

    public string Usage => "ping — is Modmail listening? (with the database's response time)";

    public async Task RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var start = clock.GetTimestamp();
        await db.Desks.AsNoTracking().AnyAsync(d => d.Id == context.Desk.Id, cancellationToken);
        var elapsed = clock.GetElapsedTime(start);
        await answers.SayAsync(context, $"🏓 Pong! Database {elapsed.TotalMilliseconds:0} ms.", cancellationToken);
    }
}
