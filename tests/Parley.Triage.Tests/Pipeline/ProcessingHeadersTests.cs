using MailKit;
using Parley.Tests.Infrastructure;
using Parley.Triage.Tests.Imap;

namespace Parley.Triage.Tests.Pipeline;

/// <summary><c>add_processing_headers</c>: the email is replaced by a copy with X-Mailpilot-* headers, never lost, never processed twice.</summary>
public sealed class ProcessingHeadersTests(DovecotFixture dovecot) : IClassFixture<DovecotFixture>
{
    private static readonly TimeSpan Seconds15 = TimeSpan.FromSeconds(15);

    [Theory, BothProviders]
    public async Task The_processed_email_carries_mailpilots_headers_keeps_its_flags_and_is_not_processed_again(string provider)
    {
        await using var h = await PipelineHarness.StartAsync(provider, dovecot.Server, s => s["Triage:add_processing_headers"] = "true");
        h.Llm.Reply(PipelineHarness.FlagReply());

        await h.AppendAsync("Needs a header");
        await Eventually.Until(async () => await h.AuditCountAsync() == 1, Seconds15, "the email is processed");
        // A later email is handed after the copy (the watcher goes in UID order), so once it is done the copy was seen.
        await h.AppendAsync("Invoice after");
        await Eventually.Until(() => h.InFolderAsync("Receipts", "Invoice after"), Seconds15, "the next email is processed");

        using var client = await dovecot.Server.ConnectAsync(h.User, PipelineHarness.Password);
        var inbox = await client.GetFolderAsync("INBOX");
        await inbox.OpenAsync(FolderAccess.ReadOnly);
        var summaries = await inbox.FetchAsync(0, -1, MessageSummaryItems.UniqueId | MessageSummaryItems.Flags | MessageSummaryItems.Headers);
        var only = Assert.Single(summaries);
        Assert.NotNull(only.Headers);
        Assert.True(only.Flags!.Value.HasFlag(MessageFlags.Flagged));
        Assert.Equal("flag:\\Flagged", only.Headers["X-Mailpilot-Actions"]);
        Assert.Equal("fake-model", only.Headers["X-Mailpilot-Model"]);
        Assert.False(string.IsNullOrEmpty(only.Headers["X-Mailpilot-Processed"]));
        Assert.Single(h.Llm.Requests);
        Assert.Equal(2, await h.AuditCountAsync());
    }
}
