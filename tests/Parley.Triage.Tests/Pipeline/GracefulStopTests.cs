using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Tests.Infrastructure;
using Parley.Triage.Pipeline;
using Parley.Triage.Tests.Imap;

namespace Parley.Triage.Tests.Pipeline;

/// <summary>Mailpilot's <c>shutdown</c>: stopping finishes emails in flight up to <c>shutdown.timeout</c>, then cancels them for the next start.</summary>
public sealed class GracefulStopTests(DovecotFixture dovecot) : IClassFixture<DovecotFixture>
{
    private static readonly TimeSpan Seconds15 = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Stopping_waits_for_the_email_in_flight_to_finish()
    {
        await using var h = await PipelineHarness.StartAsync(TestDatabase.Sqlite, dovecot.Server);
        h.Llm.Stall(TimeSpan.FromSeconds(1));
        await h.AppendAsync("slow to decide");
        await Eventually.Until(() => !h.Llm.Requests.IsEmpty, Seconds15, "the LLM is asked");

        await h.App.Services.GetRequiredService<TriageWatching>().PauseAsync(h.User);

        // Finished before the stop returned: the stalled reply ("{}") is a dead letter, recorded, not abandoned.
        Assert.Single(await h.DeadLettersAsync());
    }

    [Fact]
    public async Task Past_the_shutdown_timeout_the_email_is_cancelled_unrecorded_and_handed_again_on_the_next_start()
    {
        await using var h = await PipelineHarness.StartAsync(TestDatabase.Sqlite, dovecot.Server, s => s["Triage:shutdown:timeout"] = "5s");
        var watching = h.App.Services.GetRequiredService<TriageWatching>();
        h.Llm.Stall(TimeSpan.FromMinutes(5));
        await h.AppendAsync("never decided in time");
        await Eventually.Until(() => !h.Llm.Requests.IsEmpty, Seconds15, "the LLM is asked");

        var pause = watching.PauseAsync(h.User);
        await Eventually.Until(() => { h.Clock.Advance(TimeSpan.FromSeconds(1)); return pause.IsCompleted; }, Seconds15, "the stop gives up after shutdown.timeout");
        await pause;

        Assert.Empty(await h.DeadLettersAsync());
        Assert.Equal(0, await h.App.WithDbAsync(db => db.ProcessedMessages.CountAsync(p => p.AccountName == h.User)));

        h.Llm.Reply(PipelineHarness.FlagReply());
        await watching.ResumeAsync(h.User);
        await Eventually.Until(async () => await h.AuditCountAsync() == 1, Seconds15, "the next start hands it again and it is processed");
        Assert.Equal(2, h.Llm.Requests.Count);
    }
}
