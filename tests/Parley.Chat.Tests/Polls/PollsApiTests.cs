using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Parley.Chat.Storage;
using Parley.Chat.Tests.Api;
using Parley.Chat.Tests.RealTime;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Chat.Tests.Polls;

public sealed class PollsApiTests
{
    public static TheoryData<string, HubProtocol> ProvidersAndProtocols() => ChatHubTests.ProvidersAndProtocols();

    [Theory, MemberData(nameof(ProvidersAndProtocols))]
    public async Task A_poll_is_created_voted_on_and_closed_and_the_channel_sees_each_step(string provider, HubProtocol protocol)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        var (_, channel) = await app.RoomAsync(alice, bob);
        await using var bobHub = await app.HubAsync(bob, protocol, "poll.created", "poll.updated", "poll.closed");
        await bobHub.InvokeAsync("Subscribe", channel);

        var poll = await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/channels/{channel}/polls", alice,
            new { question = "Lunch?", options = new[] { "Pizza", "Sushi", "Salad" }, multi_select = false, anonymous = false });
        var pollId = poll.Str("id");
        Assert.Equal([0, 0, 0], Ints(poll, "totals"));
        Assert.Equal(pollId, (await bobHub.NextAsync("poll.created")).Str("id"));

        var voted = await app.OkJsonAsync(HttpMethod.Put, $"/api/chat/polls/{pollId}/vote", bob, new { option_indexes = new[] { 1 } });
        Assert.Equal([1], Ints(voted, "my_votes"));
        var updated = await bobHub.NextAsync("poll.updated");
        Assert.Equal([0, 1, 0], Ints(updated, "totals"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, updated.GetProperty("my_votes").ValueKind);

        // A second vote replaces the first.
        var changed = await app.OkJsonAsync(HttpMethod.Put, $"/api/chat/polls/{pollId}/vote", bob, new { option_indexes = new[] { 2 } });
        Assert.Equal([0, 0, 1], Ints(changed, "totals"));
        Assert.Equal(bob.Id.ToString(), changed.GetProperty("voters")[2][0].GetString());
        Assert.Equal([0, 0, 1], Ints(await bobHub.NextAsync("poll.updated"), "totals"));

        await app.RefusedAsync(HttpStatusCode.Forbidden, "not_poll_creator", HttpMethod.Post, $"/api/chat/polls/{pollId}/close", bob);
        var closed = await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/polls/{pollId}/close", alice);
        Assert.True(closed.GetProperty("closed").GetBoolean());
        Assert.True((await bobHub.NextAsync("poll.closed")).GetProperty("closed").GetBoolean());
        await app.RefusedAsync(HttpStatusCode.Conflict, "poll_closed", HttpMethod.Put, $"/api/chat/polls/{pollId}/vote", bob, new { option_indexes = new[] { 0 } });

        var listed = await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/channels/{channel}/polls", bob);
        Assert.Equal([2], Ints(listed[0], "my_votes"));
    }

    [Theory, BothProviders]
    public async Task An_anonymous_multi_select_poll_counts_votes_without_naming_voters(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        var (_, channel) = await app.RoomAsync(alice, bob);
        var poll = await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/channels/{channel}/polls", alice,
            new { question = "Which days?", options = new[] { "Mon", "Tue", "Wed" }, multi_select = true, anonymous = true });

        await app.OkJsonAsync(HttpMethod.Put, $"/api/chat/polls/{poll.Str("id")}/vote", bob, new { option_indexes = new[] { 0, 2 } });
        var read = await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/polls/{poll.Str("id")}", alice);

        Assert.Equal([1, 0, 1], Ints(read, "totals"));
        Assert.Empty(Ints(read, "my_votes"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, read.GetProperty("voters").ValueKind);
    }

    [Theory, BothProviders]
    public async Task Bad_polls_and_votes_are_refused_and_nothing_is_stored(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var eve = await app.UserAsync("eve");
        var (_, channel) = await app.RoomAsync(alice);
        var path = $"/api/chat/channels/{channel}/polls";

        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Post, path, alice, new { question = "Q", options = new[] { "only" } });
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Post, path, alice, new { question = "Q", options = new[] { "a", "A" } });
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Post, path, alice, new { question = " ", options = new[] { "a", "b" } });
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Post, path, alice,
            new { question = "Q", options = new[] { "a", "b" }, expires_at = "2000-01-01T00:00:00Z" });
        await app.RefusedAsync(HttpStatusCode.Forbidden, "not_a_member", HttpMethod.Post, path, eve, new { question = "Q", options = new[] { "a", "b" } });
        await app.RefusedAsync(HttpStatusCode.NotFound, "channel_not_found", HttpMethod.Post, $"/api/chat/channels/{Guid.NewGuid()}/polls", alice, new { question = "Q", options = new[] { "a", "b" } });
        await using (var scope = app.CreateScope())
        {
            Assert.False(await scope.ServiceProvider.GetRequiredService<ChatDbContext>().Polls.AnyAsync());
        }

        var poll = await app.OkJsonAsync(HttpMethod.Post, path, alice, new { question = "Q", options = new[] { "a", "b" } });
        var vote = $"/api/chat/polls/{poll.Str("id")}/vote";
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Put, vote, alice, new { option_indexes = new[] { 0, 1 } });
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Put, vote, alice, new { option_indexes = new[] { 2 } });
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Put, vote, alice, new { option_indexes = Array.Empty<int>() });
        await app.RefusedAsync(HttpStatusCode.Forbidden, "not_a_member", HttpMethod.Put, vote, eve, new { option_indexes = new[] { 0 } });
        await app.RefusedAsync(HttpStatusCode.NotFound, "poll_not_found", HttpMethod.Get, $"/api/chat/polls/{Guid.NewGuid()}", alice);
        await using (var scope = app.CreateScope())
        {
            Assert.False(await scope.ServiceProvider.GetRequiredService<ChatDbContext>().PollVotes.AnyAsync());
        }
    }

    [Theory, BothProviders]
    public async Task An_expired_poll_reads_as_closed_at_once_and_the_job_closes_it_and_tells_the_channel(string provider)
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var app = await TestApp.StartAsync(provider, customize: b => b.Services.AddSingleton<TimeProvider>(clock));
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        var (_, channel) = await app.RoomAsync(alice, bob);
        await using var bobHub = await app.HubAsync(bob, HubProtocol.Json, "poll.closed");
        await bobHub.InvokeAsync("Subscribe", channel);
        var expiresAt = clock.GetUtcNow().UtcDateTime.AddMinutes(1);
        var poll = await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/channels/{channel}/polls", alice,
            new { question = "Quick?", options = new[] { "yes", "no" }, expires_at = expiresAt });
        Assert.False(poll.GetProperty("closed").GetBoolean());

        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.True((await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/polls/{poll.Str("id")}", bob)).GetProperty("closed").GetBoolean());
        await app.RefusedAsync(HttpStatusCode.Conflict, "poll_closed", HttpMethod.Put, $"/api/chat/polls/{poll.Str("id")}/vote", bob, new { option_indexes = new[] { 0 } });
        Assert.Equal(poll.Str("id"), (await bobHub.NextAsync("poll.closed")).Str("id"));
        await using var scope = app.CreateScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<ChatDbContext>().Polls.Where(p => p.Id == poll.GetProperty("id").GetGuid()).Select(p => p.Closed).SingleAsync());
    }

    private static List<int> Ints(System.Text.Json.JsonElement json, string property) =>
        json.GetProperty(property).EnumerateArray().Select(e => e.GetInt32()).ToList();
}
