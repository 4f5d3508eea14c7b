using System.Net;
using System.Text.Json;
using MailKit;
using Microsoft.EntityFrameworkCore;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;
using Parley.Triage.Tests.Imap;
using Parley.Triage.Tests.Pipeline;

namespace Parley.Triage.Tests.Api;

/// <summary>
/// <c>POST /api/triage/sandbox</c> through the real server, Dovecot and the scripted LLM: a pasted email or an
/// account's email by UID classified as the pipeline would, never acted on and never recorded.
/// </summary>
public sealed class SandboxApiTests(DovecotFixture dovecot) : IClassFixture<DovecotFixture>
{
    private const string Pasted = "From: Bob <bob@example.org>\r\nTo: me@example.org\r\nSubject: Can we talk tomorrow?\r\nMessage-ID: <talk@example.org>\r\n\r\nCall me.\r\n";

    private static Task<HttpResponseMessage> RunAsync(PipelineHarness h, string token, Dictionary<string, object?> body) =>
        h.App.SendAsync(HttpMethod.Post, "/api/triage/sandbox", token, body);

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        var json = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {json}");
        return json;
    }

    private static Task<(int Audit, int Processed, int DeadLetters)> RecordsAsync(PipelineHarness h) => h.App.WithDbAsync(async db =>
        (await db.AuditLog.CountAsync(), await db.ProcessedMessages.CountAsync(), await db.DeadLetters.CountAsync()));

    [Fact]
    public async Task A_pasted_email_is_classified_by_the_accounts_llm_with_rules_skipped_and_nothing_is_recorded()
    {
        await using var h = await PipelineHarness.StartAsync(TestDatabase.Sqlite, dovecot.Server);
        var admin = (await h.App.SignInAsync()).AccessToken;
        h.Llm.Reply(PipelineHarness.FlagReply());

        using var response = await RunAsync(h, admin, new() { ["raw"] = Pasted, ["account"] = h.User, ["skip_rules"] = true });

        var json = await OkAsync(response);
        Assert.True(json.GetProperty("decided").GetBoolean());
        Assert.Equal("flag", json.GetProperty("actions")[0].Str("type"));
        Assert.Equal("\\Flagged", json.GetProperty("actions")[0].GetProperty("flags")[0].GetString());
        Assert.Equal(0.9, json.GetProperty("confidence").GetDouble());
        Assert.Equal("work", json.Str("category"));
        Assert.Equal("looks important", json.Str("reasoning"));
        Assert.Equal("llm", json.Str("source"));
        Assert.Equal("fake", json.Str("provider"));
        Assert.Equal("fake-model", json.Str("model"));
        Assert.Equal(JsonValueKind.Null, json.GetProperty("failure").ValueKind);
        Assert.Contains("Can we talk tomorrow?", json.GetProperty("prompt").Str("user"));
        Assert.Contains("looks important", json.Str("reply"));
        Assert.Equal(JsonValueKind.Null, json.GetProperty("email").GetProperty("uid").ValueKind);
        Assert.Equal("bob@example.org", json.GetProperty("email").Str("from"));
        Assert.Contains(h.Llm.Requests, r => r.Body.Contains("Can we talk tomorrow?", StringComparison.Ordinal));
        Assert.Equal((0, 0, 0), await RecordsAsync(h));
    }

    [Fact]
    public async Task Rules_decide_first_a_prompt_override_reaches_the_llm_and_an_llm_failure_is_answered_not_dead_lettered()
    {
        await using var h = await PipelineHarness.StartAsync(TestDatabase.Sqlite, dovecot.Server);
        var admin = (await h.App.SignInAsync()).AccessToken;
        var invoice = Pasted.Replace("Can we talk tomorrow?", "Invoice 12 for May", StringComparison.Ordinal);

        // No account: the rules that apply to every account, the first provider, the default prompt.
        using (var byRule = await RunAsync(h, admin, new() { ["raw"] = invoice }))
        {
            var json = await OkAsync(byRule);
            Assert.Equal("rule", json.Str("source"));
            Assert.Equal("invoices", json.Str("rule"));
            Assert.Equal("move", json.GetProperty("actions")[0].Str("type"));
            Assert.Equal("Receipts", json.GetProperty("actions")[0].Str("folder"));
            Assert.Equal(JsonValueKind.Null, json.GetProperty("prompt").ValueKind);
            Assert.Null(json.Str("account"));
        }
        Assert.Empty(h.Llm.Requests);

        h.Llm.Reply(PipelineHarness.FlagReply());
        using (var overridden = await RunAsync(h, admin, new() { ["raw"] = invoice, ["account"] = h.User, ["skip_rules"] = true, ["prompt"] = "Sort my mail like a pirate." }))
        {
            var json = await OkAsync(overridden);
            Assert.Equal("llm", json.Str("source"));
            Assert.StartsWith("Sort my mail like a pirate.", json.GetProperty("prompt").Str("system"));
        }
        Assert.Contains(h.Llm.Requests, r => r.Body.Contains("like a pirate", StringComparison.Ordinal));

        // Nothing scripted: the fake LLM answers 500.
        using (var failed = await RunAsync(h, admin, new() { ["raw"] = Pasted, ["account"] = h.User }))
        {
            var json = await OkAsync(failed);
            Assert.False(json.GetProperty("decided").GetBoolean());
            Assert.Equal("provider_error", json.Str("failure"));
            Assert.False(string.IsNullOrEmpty(json.Str("message")));
            Assert.Empty(json.GetProperty("actions").EnumerateArray());
        }
        Assert.Equal((0, 0, 0), await RecordsAsync(h));
    }

    [Theory, BothProviders]
    public async Task An_accounts_email_by_uid_is_read_without_changing_the_mailbox_or_recording_anything(string provider)
    {
        await using var h = await PipelineHarness.StartAsync(provider, dovecot.Server);
        var admin = (await h.App.SignInAsync()).AccessToken;
        // Paused, the watcher does not take the email: whatever changes or is recorded would be the sandbox's.
        using (var paused = await h.App.SendAsync(HttpMethod.Post, $"/api/triage/accounts/{h.User}/pause", admin))
        {
            Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        }
        var uid = await h.AppendAsync("Invoice 99 for June");
        var before = await h.MessagesAsync("INBOX");

        using var response = await RunAsync(h, admin, new() { ["account"] = h.User, ["uid"] = uid });

        var json = await OkAsync(response);
        Assert.Equal("invoices", json.Str("rule"));
        Assert.Equal("Receipts", json.GetProperty("actions")[0].Str("folder"));
        Assert.Equal(uid, json.GetProperty("email").GetProperty("uid").GetUInt32());
        Assert.Equal("Invoice 99 for June", json.GetProperty("email").Str("subject"));
        var after = await h.MessagesAsync("INBOX");
        Assert.Equal(before.Select(m => (m.Uid, m.Subject, m.Flags)), after.Select(m => (m.Uid, m.Subject, m.Flags)));
        Assert.False(after.Single().Flags.HasFlag(MessageFlags.Seen));
        Assert.False(await h.InFolderAsync("Receipts", "Invoice 99 for June"));
        Assert.Equal((0, 0, 0), await RecordsAsync(h));

        using var missing = await RunAsync(h, admin, new() { ["account"] = h.User, ["uid"] = uid + 100 });
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("triage_email_not_found", await missing.ProblemCodeAsync());
    }

    [Fact]
    public async Task Bad_requests_are_refused_by_field_an_email_over_the_limit_is_413_and_an_unknown_account_404()
    {
        await using var h = await PipelineHarness.StartAsync(TestDatabase.Sqlite, dovecot.Server, s => s["Triage:sandbox:max_email_bytes"] = "200");
        var admin = (await h.App.SignInAsync()).AccessToken;

        async Task<JsonElement> RefusedAsync(Dictionary<string, object?> body)
        {
            using var response = await RunAsync(h, admin, body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return (await response.JsonAsync()).GetProperty("errors");
        }
        Assert.True((await RefusedAsync([])).TryGetProperty("raw", out _));
        Assert.True((await RefusedAsync(new() { ["raw"] = Pasted, ["account"] = h.User, ["uid"] = 1 })).TryGetProperty("uid", out _));
        Assert.True((await RefusedAsync(new() { ["uid"] = 1 })).TryGetProperty("account", out _));
        Assert.True((await RefusedAsync(new() { ["account"] = h.User, ["uid"] = 0 })).TryGetProperty("uid", out _));
        Assert.True((await RefusedAsync(new() { ["raw"] = "  " })).TryGetProperty("raw", out _));

        using (var large = await RunAsync(h, admin, new() { ["raw"] = Pasted + new string('x', 300) }))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
            Assert.Equal("email_too_large", await large.ProblemCodeAsync());
        }
        using (var unknown = await RunAsync(h, admin, new() { ["raw"] = Pasted, ["account"] = "nobody" }))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
            Assert.Equal("triage_account_not_found", await unknown.ProblemCodeAsync());
        }
        Assert.Empty(h.Llm.Requests);
    }
}
