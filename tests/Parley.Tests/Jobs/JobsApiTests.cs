using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parley.Core.Jobs;
using Parley.Core.Security;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Tests.Jobs;

public sealed class JobsApiTests
{
    [Fact]
    public async Task The_jobs_listing_shows_kind_state_attempts_and_errors_but_never_payloads()
    {
        await using var app = await TestApp.StartAsync(TestDatabase.Sqlite);
        var job = await JobRunnerTests.EnqueueAsync(app, "nobody.handles.this", new { Secret = "do-not-show" });
        await Eventually.Until(async () => (await JobRunnerTests.FindAsync(app, job.Id)).State == JobStates.Dead);
        using var client = await app.ClientWithAsync(Permissions.JobsRead);

        var response = await client.GetStringAsync("/api/admin/jobs?state=dead&limit=10");

        var listed = Assert.Single(JsonDocument.Parse(response).RootElement.EnumerateArray());
        Assert.Equal(job.Id, listed.GetProperty("id").GetGuid());
        Assert.Equal(("core", "nobody.handles.this", "dead", 1), (
            listed.GetProperty("module").GetString(),
            listed.GetProperty("kind").GetString(),
            listed.GetProperty("state").GetString(),
            listed.GetProperty("attempts").GetInt32()));
        Assert.Contains("no handler", listed.GetProperty("last_error").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.True(listed.TryGetProperty("due_at", out _));
        Assert.DoesNotContain("do-not-show", response, StringComparison.Ordinal);
        Assert.False(listed.TryGetProperty("payload", out _));
    }

    [Fact]
    public async Task The_jobs_listing_needs_jobs_read_and_a_known_state()
    {
        await using var app = await TestApp.StartAsync(TestDatabase.Sqlite);
        using var reader = await app.ClientWithAsync(Permissions.JobsRead);
        using var stranger = await app.ClientWithAsync(Permissions.WebhooksRead);

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client.GetAsync("/api/admin/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync("/api/admin/jobs")).StatusCode);
        var bad = await reader.GetAsync("/api/admin/jobs?state=sleeping");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("validation_failed", (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        // The recurring jobs scheduled at start-up are there.
        var pending = await reader.GetFromJsonAsync<JsonElement>("/api/admin/jobs?state=pending");
        Assert.Contains("audit.retention", pending.EnumerateArray().Select(j => j.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task Executed_jobs_are_counted_on_the_metrics_endpoint()
    {
        await using var app = await TestApp.StartAsync(TestDatabase.Sqlite);
        var job = await JobRunnerTests.EnqueueAsync(app, "nobody.handles.this", new { });
        await Eventually.Until(async () => (await JobRunnerTests.FindAsync(app, job.Id)).State == JobStates.Dead);

        var metrics = await app.Client.GetStringAsync("/metrics");

        Assert.Contains("parley_jobs_executed", metrics, StringComparison.Ordinal);
        Assert.Contains("parley_jobs_failed", metrics, StringComparison.Ordinal);
    }
}
