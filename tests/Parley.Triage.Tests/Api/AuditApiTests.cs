using System.Net;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;
using Parley.Triage.Actions;
using Parley.Triage.Audit;

namespace Parley.Triage.Tests.Api;

public sealed class AuditApiTests
{
    private static readonly Dictionary<string, string?> WithSubjects = new() { ["Triage:state:audit_subjects"] = "true", ["Triage:dashboard:session_ttl"] = "7d" };

    private static Task<AuditLogEntry> RecordAsync(TestApp app, TriageDecision decision) =>
        app.WithAsync<TriageAuditLog, AuditLogEntry>(a => a.RecordAsync(decision));

    [Theory, BothProviders]
    public async Task Search_filters_by_account_action_text_provider_confidence_and_date_and_pages_by_cursor(string provider)
    {
        var (app, clock) = await TriageTestApp.StartAsync(provider, WithSubjects);
        await using var _ = app;
        var token = await app.DashboardTokenAsync();

        await RecordAsync(app, new("<1@x>", "work", [new TriageAction(TriageActionKind.Move, Folder: "Invoices")], "Invoice March", "openai", "m", 0.95, "Looks like an INVOICE"));
        clock.Advance(TimeSpan.FromDays(1));
        await RecordAsync(app, new("<2@x>", "work", [new TriageAction(TriageActionKind.Flag, Flags: [@"\Flagged"])], "Lunch?", "openai", "m", 0.5, "personal"));
        await RecordAsync(app, new("<3@x>", "home", [new TriageAction(TriageActionKind.Move, Folder: "News")], "Weekly news", null, null, null, "rule newsletters"));
        await RecordAsync(app, new("<4@x>", "work", [new TriageAction(TriageActionKind.Archive)], "Old thread", "anthropic", "c", 0.8, "archive it"));

        async Task<string[]> Ids(string query)
        {
            using var response = await app.SendAsync(HttpMethod.Get, "/api/triage/audit" + query, token);
            var json = await response.JsonAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToString());
            return json.GetProperty("items").EnumerateArray().Select(i => i.Str("message_id")).ToArray();
        }

        Assert.Equal(["<4@x>", "<3@x>", "<2@x>", "<1@x>"], await Ids(""));
        Assert.Equal(["<4@x>", "<2@x>", "<1@x>"], await Ids("?account=work"));
        Assert.Equal(["<3@x>", "<1@x>"], await Ids("?action=move"));
        Assert.Equal(["<1@x>"], await Ids("?q=invoice"));
        Assert.Equal(["<3@x>"], await Ids("?q=NEWSLETTERS"));
        Assert.Equal(["<2@x>", "<1@x>"], await Ids("?provider=openai"));
        Assert.Equal(["<4@x>", "<1@x>"], await Ids("?min_confidence=0.8"));
        Assert.Equal(["<2@x>"], await Ids("?max_confidence=0.6"));
        Assert.Equal(["<1@x>"], await Ids("?to=" + Uri.EscapeDataString(TriageTestApp.Start.AddHours(1).ToString("O"))));
        Assert.Equal(["<4@x>", "<3@x>", "<2@x>"], await Ids("?from=" + Uri.EscapeDataString(TriageTestApp.Start.AddHours(1).ToString("O"))));

        using var first = await app.SendAsync(HttpMethod.Get, "/api/triage/audit?limit=3", token);
        var page = await first.JsonAsync();
        Assert.Equal(3, page.GetProperty("items").GetArrayLength());
        Assert.Equal("move", page.GetProperty("items")[1].GetProperty("actions")[0].Str("type"));
        Assert.Equal(["<1@x>"], await Ids("?limit=3&before=" + page.Str("next_cursor")));

        using var bad = await app.SendAsync(HttpMethod.Get, "/api/triage/audit?action=explode&min_confidence=2", token);
        Assert.Equal("validation_failed", await bad.ProblemCodeAsync());
        var errors = (await bad.JsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("action", out var __) && errors.TryGetProperty("min_confidence", out var ___));
    }

    [Theory, BothProviders]
    public async Task Export_writes_csv_with_escaping_and_json_with_the_same_filters(string provider)
    {
        var (app, _) = await TriageTestApp.StartAsync(provider, WithSubjects);
        await using var _ = app;
        var token = await app.DashboardTokenAsync();
        await RecordAsync(app, new("<1@x>", "work", [new TriageAction(TriageActionKind.None)], "Hello, \"world\"\nline two", "openai", "m", 0.9, "=HYPERLINK(\"x\")"));
        await RecordAsync(app, new("<2@x>", "home", [new TriageAction(TriageActionKind.None)], "other", null, null, null, null));

        using var csv = await app.SendAsync(HttpMethod.Get, "/api/triage/audit/export?format=csv&account=work", token);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var text = await csv.Content.ReadAsStringAsync();
        var lines = text.Split("\r\n");
        Assert.Equal("id,created_at,account,message_id,actions,subject,llm_provider,llm_model,confidence,reasoning", lines[0]);
        Assert.Contains("\"Hello, \"\"world\"\"\nline two\"", text, StringComparison.Ordinal);
        Assert.Contains("\"'=HYPERLINK(\"\"x\"\")\"", text, StringComparison.Ordinal);
        Assert.Contains("\"[{\"\"type\"\":\"\"none\"\"}]\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<2@x>", text, StringComparison.Ordinal);

        using var json = await app.SendAsync(HttpMethod.Get, "/api/triage/audit/export?format=json", token);
        var array = await json.JsonAsync();
        Assert.Equal(["<2@x>", "<1@x>"], array.EnumerateArray().Select(e => e.Str("message_id")));

        using var bad = await app.SendAsync(HttpMethod.Get, "/api/triage/audit/export?format=xml", token);
        Assert.Equal("validation_failed", await bad.ProblemCodeAsync());
        using var anonymous = await app.SendAsync(HttpMethod.Get, "/api/triage/audit/export?format=csv");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public void Csv_fields_are_quoted_only_when_needed()
    {
        Assert.Equal("plain", Triage.Api.AuditExport.CsvField("plain"));
        Assert.Equal("", Triage.Api.AuditExport.CsvField(null));
        Assert.Equal("\"a,b\"", Triage.Api.AuditExport.CsvField("a,b"));
        Assert.Equal("\"a\r\nb\"", Triage.Api.AuditExport.CsvField("a\r\nb"));
        Assert.Equal("'+1", Triage.Api.AuditExport.CsvField("+1"));
    }
}
