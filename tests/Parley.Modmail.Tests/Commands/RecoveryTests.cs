using Microsoft.EntityFrameworkCore;
using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Parley.Modmail.Tickets;
using Parley.Modmail.Transports;
using Parley.Tests.Infrastructure;

namespace Parley.Modmail.Tests.Commands;

/// <summary>A transport that records what recovery asks it and finds nothing missed (or fails, when told to).</summary>
internal sealed class AskedTransport(string name, bool fails = false) : IMemberTransport
{
    public ConcurrentQueue<(Guid TicketId, string? LastMemberMessageId, DateTime Since)> Asked { get; } = new();

    public string Name => name;

    public Task<string?> DeliverAsync(MemberDelivery delivery, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task EditAsync(MemberDelivery delivery, string memberMessageId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> WithdrawAsync(TicketRef ticket, string memberMessageId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<IncomingMemberMessage>> MissedSinceAsync(TicketRef ticket, string? lastMemberMessageId, DateTime since, CancellationToken cancellationToken)
    {
        Asked.Enqueue((ticket.TicketId, lastMemberMessageId, since));
        return fails ? throw new IOException("transport down") : Task.FromResult<IReadOnlyList<IncomingMemberMessage>>([]);
    }
}

/// <summary>
/// <c>recover</c> and recovery on start-up: each open ticket's transport is asked for the member's messages after the
/// last one recorded; one failing transport does not stop the others. (Relaying what is found is the engine's
/// <c>MemberMessages</c>, checked end to end after the merge.)
/// </summary>
public sealed class RecoveryTests
{
    [Theory, BothProviders]
    public async Task Recover_asks_each_open_tickets_transport_after_its_last_member_message_and_on_start_up(string provider)
    {
        // Transports of their own names, so the real ones (the engine's Chat transport) answer for no ticket here.
        var chat = new AskedTransport("test-chat");
        var email = new AskedTransport("test-mail", fails: true);
        await using var desk = await StaffDesk.StartAsync(provider, b =>
        {
            b.Services.AddSingleton<IMemberTransport>(chat);
            b.Services.AddSingleton<IMemberTransport>(email);
        });
        var now = desk.Clock.GetUtcNow().UtcDateTime;
        var (closed, mailed, discord) = await desk.DbAsync(async db =>
        {
            await db.Tickets.Where(t => t.Id == desk.TicketId).ExecuteUpdateAsync(s => s.SetProperty(t => t.Transport, chat.Name));
            db.TicketMessages.Add(new TicketMessage { ThreadId = desk.TicketId, UserId = desk.Member.Id.ToString(), UserName = "member", Kind = TicketMessageKinds.Member, Content = "first", DmMessageId = "m1", CreatedAt = now.AddMinutes(-10) });
            db.TicketMessages.Add(new TicketMessage { ThreadId = desk.TicketId, UserId = desk.Member.Id.ToString(), UserName = "member", Kind = TicketMessageKinds.Member, Content = "second", DmMessageId = "m2", CreatedAt = now.AddMinutes(-5) });
            db.TicketMessages.Add(new TicketMessage { ThreadId = desk.TicketId, UserId = desk.Mod.Id.ToString(), UserName = "mod", Kind = TicketMessageKinds.Staff, Content = "answer", DmMessageId = "s1", MessageNumber = 1, CreatedAt = now.AddMinutes(-1) });
            await db.SaveChangesAsync();
            return (
                await desk.TicketAsync(db, "old@example.com", "old", TicketStatus.Closed, now.AddDays(-1), email.Name),
                await desk.TicketAsync(db, "new@example.com", "new", TicketStatus.Open, now.AddHours(-1), email.Name),
                await desk.TicketAsync(db, "12345", "discordian", TicketStatus.Open, now.AddHours(-1), TransportNames.Discord));
        });
        chat.Asked.Clear();
        email.Asked.Clear();

        var answer = await desk.RunAsync(desk.ModActor, "recover", inTicket: false);

        Assert.Equal("🔄 Recovery: 0 messages relayed from 2 open tickets; 1 could not be checked (see the server log).", answer);
        var asked = Assert.Single(chat.Asked);
        Assert.Equal((desk.TicketId, "m2"), (asked.TicketId, asked.LastMemberMessageId));
        Assert.Equal(now.AddMinutes(-5), asked.Since, TimeSpan.FromMilliseconds(1));
        var mail = Assert.Single(email.Asked);
        Assert.Equal((mailed, (string?)null), (mail.TicketId, mail.LastMemberMessageId));
        Assert.Equal(now.AddHours(-1), mail.Since, TimeSpan.FromMilliseconds(1));
        Assert.DoesNotContain(chat.Asked.Concat(email.Asked), a => a.TicketId == closed || a.TicketId == discord);
        Assert.Contains("Only the desk's staff", await desk.RunAsync(desk.MemberActor, "recover"), StringComparison.Ordinal);

        // Modmail:RecoverOnStart (on by default): a restart asks again by itself.
        chat.Asked.Clear();
        await desk.App.RestartAsync();
        await Eventually.Until(() => chat.Asked.Any(a => a.TicketId == desk.TicketId));
    }
}
