using System.Net;
using Microsoft.EntityFrameworkCore;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;
using Parley.Triage.DeadLetters;

namespace Parley.Triage.Tests.Api;

public sealed class DeadLetterApiTests
{
    [Theory, BothProviders]
    public async Task List_by_status_then_skip_dismiss_and_retry_keep_every_entry(string provider)
    {
        var (app, _) = await TriageTestApp.StartAsync(provider);
        await using var _ = app;
        var token = await app.DashboardTokenAsync();
        var pending = await app.WithAsync<DeadLetterQueue, DeadLetter>(q => q.RecordAsync("<p@x>", "work", "INBOX", 1, "timeout"));
        var exhausted = await app.WithAsync<DeadLetterQueue, DeadLetter>(q => q.RecordAsync("<e@x>", "work", "INBOX", 2, "bad reply"));
        var other = await app.WithAsync<DeadLetterQueue, DeadLetter>(q => q.RecordAsync("<o@x>", "home", "INBOX", 3, "imap"));
        await app.WithDbAsync(db => db.DeadLetters.Where(d => d.Id == exhausted.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.RetryStatus, DeadLetterStatus.Exhausted).SetProperty(d => d.ResolvedAt, 1L)));

        async Task<string[]> Ids(string query)
        {
            using var response = await app.SendAsync(HttpMethod.Get, "/api/triage/dead-letters" + query, token);
            var json = await response.JsonAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToString());
            return json.GetProperty("items").EnumerateArray().Select(i => i.Str("message_id")).ToArray();
        }

        Assert.Equal(["<o@x>", "<e@x>", "<p@x>"], await Ids(""));
        Assert.Equal(["<e@x>"], await Ids("?status=exhausted"));
        Assert.Equal(["<o@x>"], await Ids("?account=home"));
        Assert.Equal(["<o@x>", "<e@x>"], await Ids("?limit=2"));

        using (var skip = await app.SendAsync(HttpMethod.Post, $"/api/triage/dead-letters/{pending.Id}/skip", token))
        {
            Assert.Equal(HttpStatusCode.NoContent, skip.StatusCode);
        }
        using (var dismissPending = await app.SendAsync(HttpMethod.Post, $"/api/triage/dead-letters/{other.Id}/dismiss", token))
        {
            Assert.Equal("dead_letter_wrong_state", await dismissPending.ProblemCodeAsync());
        }
        using (var dismiss = await app.SendAsync(HttpMethod.Post, $"/api/triage/dead-letters/{exhausted.Id}/dismiss", token))
        {
            Assert.Equal(HttpStatusCode.NoContent, dismiss.StatusCode);
        }
        using (var retry = await app.SendAsync(HttpMethod.Post, $"/api/triage/dead-letters/{other.Id}/retry", token))
        {
            Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        }
        using (var missing = await app.SendAsync(HttpMethod.Post, "/api/triage/dead-letters/999999/retry", token))
        {
            Assert.Equal("dead_letter_not_found", await missing.ProblemCodeAsync());
        }

        Assert.Equal(["<o@x>"], await Ids(""));
        Assert.Equal(["<e@x>", "<p@x>"], await Ids("?status=skipped"));
        Assert.Equal(3, await app.WithDbAsync(db => db.DeadLetters.CountAsync()));
        using var bad = await app.SendAsync(HttpMethod.Get, "/api/triage/dead-letters?status=gone", token);
        Assert.Equal("validation_failed", await bad.ProblemCodeAsync());
    }
}
