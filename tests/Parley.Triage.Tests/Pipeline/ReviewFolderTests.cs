using Microsoft.EntityFrameworkCore;
using Parley.Tests.Infrastructure;
using Parley.Triage.Tests.Imap;

namespace Parley.Triage.Tests.Pipeline;

/// <summary>An account's <c>review_folder</c> through Dovecot: a below-confidence decision moves the email there, no dead letter.</summary>
public sealed class ReviewFolderTests(DovecotFixture dovecot) : IClassFixture<DovecotFixture>
{
    private static readonly TimeSpan Seconds15 = TimeSpan.FromSeconds(15);

    [Theory, BothProviders]
    public async Task A_decision_below_the_minimum_confidence_moves_the_email_to_the_review_folder(string provider)
    {
        // Predefined folders with an allowed list that does not name Review: the review folder is still a valid target.
        await using var h = await PipelineHarness.StartAsync(provider, dovecot.Server, s =>
        {
            s["Triage:accounts:0:review_folder"] = "Review";
            s["Triage:accounts:0:minimum_confidence"] = "0.8";
            s["Triage:accounts:0:folders:mode"] = "predefined";
            s["Triage:accounts:0:folders:allowed:0"] = "Receipts";
        }, folders: ["Review", "Receipts"]);
        h.Llm.Reply("""{"actions":[{"type":"move","folder":"Receipts"}],"category":"misc","confidence":0.4,"reasoning":"unsure"}""");

        await h.AppendAsync("Maybe a receipt?");

        await Eventually.Until(() => h.InFolderAsync("Review", "Maybe a receipt?"), Seconds15, "moved to the review folder");
        Assert.Empty(await h.MessagesAsync("INBOX"));
        Assert.Empty(await h.MessagesAsync("Receipts"));
        await Eventually.Until(async () => await h.AuditCountAsync() == 1, Seconds15, "the decision is audited");
        Assert.Empty(await h.DeadLettersAsync());
        var audit = await h.App.WithDbAsync(db => db.AuditLog.AsNoTracking().SingleAsync(a => a.AccountName == h.User));
        Assert.Contains("\"folder\":\"Review\"", audit.Actions, StringComparison.Ordinal);
    }
}
