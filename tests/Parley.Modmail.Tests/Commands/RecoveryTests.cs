using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Parley.Modmail.Desks;
using Parley.Modmail.Tickets;
using Parley.Modmail.Transports;
using Parley.Tests.Infrastructure;

namespace Parley.Modmail.Tests.Commands;

/// <summary>A transport that nothing is sent through: it only makes its name a registered transport.</summary>
internal sealed class NamedTransport(string name) : IMemberTransport
{
    public string Name => name;

    public Task<string?> DeliverAsync(MemberDelivery delivery, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task EditAsync(MemberDelivery delivery, string memberMessageId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> WithdrawAsync(TicketRef ticket, string memberMessageId, CancellationToken cancellationToken) => throw new NotSupportedException();
}

/// <summary>A transport's recovery that records the desks it is asked about and fails (or finds nothing).</summary>
internal sealed class AskedRecovery(string name, bool fails) : ITransportRecovery
{
    public ConcurrentQueue<Guid> Asked { get; } = new();

    public string Name => name;

    public Task<int> RecoverAsync(SupportDesk desk, CancellationToken cancellationToken)
    {
        Asked.Enqueue(desk.Id);
        return fails ? throw new IOException("transport down") : Task.FromResult(0);
    }
}

/// <summary>
/// <c>recover</c> and recovery on start-up: every registered transport's recovery is asked about the desk; one failing
/// does not stop the others; a recovery whose transport is not registered is not asked. (What Chat and Email recover
/// is in <c>Tickets/RecoveryFlowTests</c> and <c>Email/EmailRecoveryTests</c>.)
/// </summary>
public sealed class RecoveryTests
{
    [Theory, BothProviders]
    public async Task Recover_asks_each_transports_recovery_one_failure_does_not_stop_the_others_and_on_start_up(string provider)
    {
        var failing = new AskedRecovery("test-fail", fails: true);
        var working = new AskedRecovery("test-ok", fails: false);
        var orphan = new AskedRecovery("test-unregistered", fails: false);
        await using var desk = await StaffDesk.StartAsync(provider, b =>
        {
            b.Services.AddSingleton<IMemberTransport>(new NamedTransport("test-fail"));
            b.Services.AddSingleton<IMemberTransport>(new NamedTransport("test-ok"));
            b.Services.AddSingleton<ITransportRecovery>(failing);
            b.Services.AddSingleton<ITransportRecovery>(working);
            b.Services.AddSingleton<ITransportRecovery>(orphan);
        });
        failing.Asked.Clear();
        working.Asked.Clear();

        var answer = await desk.RunAsync(desk.ModActor, "recover", inTicket: false);

        Assert.Equal("🔄 Recovery: 0 missed messages relayed; 1 source could not be checked (see the server log).", answer);
        Assert.Equal([desk.DeskId], failing.Asked);
        Assert.Equal([desk.DeskId], working.Asked);
        Assert.Empty(orphan.Asked);
        Assert.Contains("Only the desk's staff", await desk.RunAsync(desk.MemberActor, "recover"), StringComparison.Ordinal);

        // Modmail:RecoverOnStart (on by default): a restart asks again by itself.
        working.Asked.Clear();
        await desk.App.RestartAsync();
        await Eventually.Until(() => working.Asked.Contains(desk.DeskId));
    }
}
