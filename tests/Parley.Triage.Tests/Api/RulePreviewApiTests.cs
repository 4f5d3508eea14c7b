using System.Net;
using System.Text.Json;
using MailKit;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;
using Parley.Triage.Tests.Imap;
using Parley.Triage.Tests.Pipeline;

namespace Parley.Triage.Tests.Api;

/// <summary>
/// <c>POST /api/triage/rules/preview</c> through the real server and Dovecot: a rule tried on the newest emails of the
/// account's first watched folder, read-only, while the account's watcher keeps running.
/// </summary>
public sealed class RulePreviewApiTests(DovecotFixture dovecot) : IClassFixture<DovecotFixture>
{
    private static readonly TimeSpan Seconds15 = TimeSpan.FromSeconds(15);

    internal static Dictionary<string, object?> NewsletterRule(string name = "newsletters") => new()
    {
        ["name"] = name,
        ["match"] = "all",
        ["conditions"] = new[] { new Dictionary<string, object?> { ["field"] = "subject", ["op"] = "contains", ["value"] = "newsletter" } },
        ["actions"] = new[] { new Dictionary<string, object?> { ["type"] = "move", ["folder"] = "News" } },
        ["category"] = "news",
    };

    private static Task<HttpResponseMessage> PreviewAsync(PipelineHarness h, string? token, object body) =>
        h.App.SendAsync(HttpMethod.Post, "/api/triage/rules/preview", token, body);

    [Fact]
    public async Task A_rule_is_tried_on_the_newest_emails_read_only_while_the_watcher_keeps_running()
    {
        // Dry run: the watcher handles each email (the LLM has no answer: dead letters) and touches none of them.
        await using var h = await PipelineHarness.StartAsync(TestDatabase.Sqlite, dovecot.Server, s => s["Triage:dry_run"] = "true");
        var admin = (await h.App.SignInAsync()).AccessToken;
        await h.AppendAsync("Newsletter: spring sale");
        await h.AppendAsync("Lunch on Friday?");
        var newest = await h.AppendAsync("Weekly newsletter");
        await Eventually.Until(async () => (await h.DeadLettersAsync()).Count == 3, Seconds15, "the watcher handles all three");
        var before = await h.MessagesAsync("INBOX");

        using var response = await PreviewAsync(h, admin, new Dictionary<string, object?> { ["account"] = h.User, ["rule"] = NewsletterRule(), ["count"] = 2 });

        var json = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToString());
        Assert.Equal("INBOX", json.Str("folder"));
        Assert.Equal(2, json.GetProperty("count").GetInt32());
        Assert.Equal(50, json.GetProperty("limit").GetInt32());
        Assert.Equal(1, json.GetProperty("matched").GetInt32());
        var items = json.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["Weekly newsletter", "Lunch on Friday?"], items.Select(i => i.Str("subject")));
        Assert.Equal(newest, items[0].GetProperty("uid").GetUInt32());
        Assert.True(items[0].GetProperty("matched").GetBoolean());
        Assert.Equal("sender@example.com", items[0].Str("from"));
        Assert.Equal(JsonValueKind.String, items[0].GetProperty("date").ValueKind);
        Assert.Equal("news", items[0].Str("category"));
        var action = items[0].GetProperty("actions").EnumerateArray().Single();
        Assert.Equal("move", action.Str("type"));
        Assert.Equal("News", action.Str("folder"));
        Assert.False(items[1].GetProperty("matched").GetBoolean());
        Assert.Empty(items[1].GetProperty("actions").EnumerateArray());

        // Nothing changed: same messages, same flags (BODY.PEEK leaves \Seen alone), no News folder, no decisions.
        var after = await h.MessagesAsync("INBOX");
        Assert.Equal(before.Select(m => (m.Uid, m.Flags)), after.Select(m => (m.Uid, m.Flags)));
        Assert.All(after, m => Assert.False(m.Flags.HasFlag(MessageFlags.Seen)));
        Assert.DoesNotContain("News", await h.Imap.FoldersAsync(h.User, PipelineHarness.Password));
        Assert.Equal(0, await h.AuditCountAsync());
        Assert.True(h.Runtime.Watchers.All(w => w.Connected), "the account's own watcher still runs");
    }

    [Fact]
    public async Task Preview_and_sandbox_read_the_watched_folder_asked_for_and_refuse_one_not_watched()
    {
        await using var h = await PipelineHarness.StartAsync(TestDatabase.Sqlite, dovecot.Server, s =>
        {
            s["Triage:dry_run"] = "true";
            s["Triage:accounts:0:folders:watch:0"] = "INBOX";
            s["Triage:accounts:0:folders:watch:1"] = "Lists";
        }, folders: ["Lists"]);
        var admin = (await h.App.SignInAsync()).AccessToken;
        await h.AppendAsync("Lunch on Friday?");
        var listed = await h.AppendAsync("Monthly newsletter", "Lists");

        using (var response = await PreviewAsync(h, admin, new Dictionary<string, object?> { ["account"] = h.User, ["rule"] = NewsletterRule(), ["folder"] = "lists" }))
        {
            var json = await response.JsonAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToString());
            Assert.Equal("Lists", json.Str("folder"));
            var item = Assert.Single(json.GetProperty("items").EnumerateArray());
            Assert.Equal(("Monthly newsletter", true), (item.Str("subject"), item.GetProperty("matched").GetBoolean()));
        }
        using (var response = await h.App.SendAsync(HttpMethod.Post, "/api/triage/sandbox", admin,
            new Dictionary<string, object?> { ["account"] = h.User, ["uid"] = listed, ["folder"] = "Lists" }))
        {
            var json = await response.JsonAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToString());
            Assert.Equal("Monthly newsletter", json.GetProperty("email").Str("subject"));
        }
        foreach (var (path, body) in new (string, Dictionary<string, object?>)[]
        {
            ("/api/triage/rules/preview", new() { ["account"] = h.User, ["rule"] = NewsletterRule(), ["folder"] = "Sent" }),
            ("/api/triage/sandbox", new() { ["account"] = h.User, ["uid"] = listed, ["folder"] = "Sent" }),
        })
        {
            using var refused = await h.App.SendAsync(HttpMethod.Post, path, admin, body);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("INBOX, Lists", (await refused.JsonAsync()).GetProperty("errors").GetProperty("folder")[0].GetString());
        }
    }

    [Fact]
    public async Task The_count_is_capped_by_the_configured_limit()
    {
        await using var h = await PipelineHarness.StartAsync(TestDatabase.Sqlite, dovecot.Server, s =>
        {
            s["Triage:dry_run"] = "true";
            s["Triage:sandbox:preview_limit"] = "2";
        });
        var admin = (await h.App.SignInAsync()).AccessToken;
        foreach (var subject in new[] { "one", "two", "three" })
        {
            await h.AppendAsync(subject);
        }

        using var response = await PreviewAsync(h, admin, new Dictionary<string, object?> { ["account"] = h.User, ["rule"] = NewsletterRule(), ["count"] = 10 });

        var json = await response.JsonAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, json.GetProperty("count").GetInt32());
        Assert.Equal(2, json.GetProperty("limit").GetInt32());
        Assert.Equal(["three", "two"], json.GetProperty("items").EnumerateArray().Select(i => i.Str("subject")));
    }

    [Fact]
    public async Task A_bad_rule_is_refused_naming_each_field_and_an_unknown_account_is_not_found()
    {
        await using var h = await PipelineHarness.StartAsync(TestDatabase.Sqlite, dovecot.Server);
        var admin = (await h.App.SignInAsync()).AccessToken;
        var bad = new Dictionary<string, object?>
        {
            ["name"] = "bad",
            ["conditions"] = new object[]
            {
                new Dictionary<string, object?> { ["field"] = "subject", ["op"] = "regex", ["value"] = "([unclosed" },
                new Dictionary<string, object?> { ["field"] = "size", ["op"] = "greater", ["value"] = "big" },
            },
            ["actions"] = new[] { new Dictionary<string, object?> { ["type"] = "move" } },
        };

        using (var response = await PreviewAsync(h, admin, new Dictionary<string, object?> { ["account"] = h.User, ["rule"] = bad, ["count"] = 0 }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = (await response.JsonAsync()).GetProperty("errors");
            Assert.Equal("validation_failed", (await response.JsonAsync()).Str("code"));
            Assert.Contains("regular expression", errors.GetProperty("rule:conditions:0:value")[0].GetString());
            Assert.Contains("whole number", errors.GetProperty("rule:conditions:1:value")[0].GetString());
            Assert.Contains("required for move", errors.GetProperty("rule:actions:0:folder")[0].GetString());
            Assert.True(errors.TryGetProperty("count", out _));
        }
        var unknownOperator = NewsletterRule();
        unknownOperator["conditions"] = new[] { new Dictionary<string, object?> { ["field"] = "subject", ["op"] = "sometimes", ["value"] = "x" } };
        unknownOperator["colour"] = "blue";
        using (var response = await PreviewAsync(h, admin, new Dictionary<string, object?> { ["account"] = h.User, ["rule"] = unknownOperator }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = (await response.JsonAsync()).GetProperty("errors");
            Assert.Contains("'sometimes'", errors.GetProperty("rule:conditions:0:op")[0].GetString());
            Assert.Contains("unknown setting", errors.GetProperty("rule:colour")[0].GetString());
        }
        using (var response = await PreviewAsync(h, admin, new Dictionary<string, object?>()))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = (await response.JsonAsync()).GetProperty("errors");
            Assert.True(errors.TryGetProperty("rule", out _));
            Assert.True(errors.TryGetProperty("account", out _));
        }
        using (var response = await PreviewAsync(h, admin, new Dictionary<string, object?> { ["account"] = "nobody", ["rule"] = NewsletterRule() }))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("triage_account_not_found", await response.ProblemCodeAsync());
        }
    }

    [Fact]
    public async Task An_unreachable_mail_server_is_a_502_with_a_stable_code()
    {
        // An account whose server refuses connections (port 1 on loopback): its watcher retries in the background.
        var settings = new Dictionary<string, string?>
        {
            ["Triage:accounts:0:name"] = "down",
            ["Triage:accounts:0:imap:host"] = "127.0.0.1",
            ["Triage:accounts:0:imap:port"] = "1",
            ["Triage:accounts:0:imap:tls"] = "insecure",
            ["Triage:accounts:0:imap:username"] = "me",
            ["Triage:accounts:0:imap:password"] = "secret-password",
        };
        var (app, _) = await TriageTestApp.StartAsync(TestDatabase.Sqlite, settings);
        await using var _app = app;
        var admin = (await app.SignInAsync()).AccessToken;

        using var response = await app.SendAsync(HttpMethod.Post, "/api/triage/rules/preview", admin,
            new Dictionary<string, object?> { ["account"] = "down", ["rule"] = NewsletterRule() });

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("triage_imap_failed", await response.ProblemCodeAsync());
        var detail = (await response.JsonAsync()).Str("detail");
        Assert.Contains("'down'", detail);
        Assert.DoesNotContain("secret-password", detail);
    }

    [Fact]
    public async Task Anonymous_callers_and_plain_users_are_refused_and_a_dashboard_session_is_admitted()
    {
        await using var h = await PipelineHarness.StartAsync(TestDatabase.Sqlite, dovecot.Server);
        var admin = (await h.App.SignInAsync()).AccessToken;
        await h.App.CreateUserAsync(admin, "plainuser", "plain-user-password-1");
        var user = (await h.App.SignInAsync("plainuser", "plain-user-password-1")).AccessToken;
        // Like every Triage endpoint: the dashboard policy decides (Parley admins and Mailpilot's dashboard users).
        var dashboard = await h.App.DashboardTokenAsync();
        var body = new Dictionary<string, object?> { ["account"] = h.User, ["rule"] = NewsletterRule() };
        foreach (var path in new[] { "/api/triage/rules/preview", "/api/triage/sandbox" })
        {
            using var anonymous = await h.App.SendAsync(HttpMethod.Post, path, body: body);
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            using var plain = await h.App.SendAsync(HttpMethod.Post, path, user, body);
            Assert.Equal(HttpStatusCode.Forbidden, plain.StatusCode);
            using var session = await h.App.SendAsync(HttpMethod.Post, path, dashboard, body);
            Assert.NotEqual(HttpStatusCode.Unauthorized, session.StatusCode);
            Assert.NotEqual(HttpStatusCode.Forbidden, session.StatusCode);
        }
    }
}
