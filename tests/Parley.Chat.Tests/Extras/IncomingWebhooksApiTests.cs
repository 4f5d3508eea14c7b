using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Chat.Storage;
using Parley.Chat.Tests.Api;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Chat.Tests.Extras;

public sealed class IncomingWebhooksApiTests
{
    [Theory, BothProviders]
    public async Task A_webhook_posts_into_its_channel_anonymously_under_its_name(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        var (_, channel) = await app.RoomAsync(alice, bob);
        await using var bobHub = await app.HubAsync(bob, HubProtocol.Json, "message.created");
        await bobHub.InvokeAsync("Subscribe", channel);

        var webhook = await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/channels/{channel}/webhooks", alice, new { name = "CI" });
        var token = webhook.Str("token");
        var listed = await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/channels/{channel}/webhooks", alice);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, listed[0].GetProperty("token").ValueKind);
        await using (var scope = app.CreateScope())
        {
            var stored = await scope.ServiceProvider.GetRequiredService<ChatDbContext>().ChatWebhooks.SingleAsync();
            Assert.NotEqual(token, stored.Token); // only the hash is kept
        }

        using var posted = await PostAsync(app, token, new { content = "build passed" });
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var created = await bobHub.NextAsync("message.created");
        Assert.Equal(("webhook", "build passed", "CI", alice.Id.ToString()),
            (created.Str("message_type"), created.Str("plaintext"), created.Str("webhook_name"), created.Str("sender_id")));
        using (var renamed = await PostAsync(app, token, new { content = "deployed", username = "Deploy bot" }))
        {
            Assert.Equal(HttpStatusCode.Created, renamed.StatusCode);
        }
        Assert.Equal("Deploy bot", (await bobHub.NextAsync("message.created")).Str("webhook_name"));

        using (var deleted = await app.SendAsync(HttpMethod.Delete, $"/api/chat/webhooks/{webhook.Str("id")}", alice.Token))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }
        using var gone = await PostAsync(app, token, new { content = "after delete" });
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("webhook_not_found", await gone.ProblemCodeAsync());
    }

    [Theory, BothProviders]
    public async Task Webhooks_are_for_channel_staff_and_bad_posts_are_refused_and_nothing_is_stored(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, new Dictionary<string, string?> { ["Chat:MaxPlaintextLength"] = "10" });
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        var (_, channel) = await app.RoomAsync(alice, bob);

        await app.RefusedAsync(HttpStatusCode.Forbidden, "forbidden_role", HttpMethod.Post, $"/api/chat/channels/{channel}/webhooks", bob, new { name = "mine" });
        await app.RefusedAsync(HttpStatusCode.Forbidden, "forbidden_role", HttpMethod.Get, $"/api/chat/channels/{channel}/webhooks", bob);
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Post, $"/api/chat/channels/{channel}/webhooks", alice, new { name = "" });
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Post, $"/api/chat/channels/{channel}/webhooks", alice, new { name = "x", avatar_url = "javascript:alert(1)" });
        var token = (await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/channels/{channel}/webhooks", alice, new { name = "CI" })).Str("token");

        await ExpectAsync(await PostAsync(app, token, new { content = "far too long for this" }), HttpStatusCode.BadRequest, "validation_failed");
        await ExpectAsync(await PostAsync(app, token, new { content = " " }), HttpStatusCode.BadRequest, "validation_failed");
        await ExpectAsync(await PostAsync(app, "not-a-token", new { content = "hi" }), HttpStatusCode.NotFound, "webhook_not_found");
        await app.OkJsonAsync(HttpMethod.Patch, $"/api/chat/channels/{channel}", alice, new { archived = true });
        await ExpectAsync(await PostAsync(app, token, new { content = "hi" }), HttpStatusCode.Forbidden, "channel_archived");

        await using var scope = app.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<ChatDbContext>().Messages.AnyAsync(m => m.ChannelId == channel));
    }

    [Theory, BothProviders]
    public async Task Each_webhook_has_its_own_rate_limit(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, new Dictionary<string, string?> { ["Chat:WebhookRequestsPerMinute"] = "2" });
        var alice = await app.UserAsync("alice");
        var (_, channel) = await app.RoomAsync(alice);
        var first = (await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/channels/{channel}/webhooks", alice, new { name = "one" })).Str("token");
        var second = (await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/channels/{channel}/webhooks", alice, new { name = "two" })).Str("token");

        await ExpectAsync(await PostAsync(app, first, new { content = "1" }), HttpStatusCode.Created, null);
        await ExpectAsync(await PostAsync(app, first, new { content = "2" }), HttpStatusCode.Created, null);
        await ExpectAsync(await PostAsync(app, first, new { content = "3" }), HttpStatusCode.TooManyRequests, "rate_limited");
        await ExpectAsync(await PostAsync(app, second, new { content = "other" }), HttpStatusCode.Created, null);
    }

    private static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode status, string? code)
    {
        using (response)
        {
            Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}");
            if (code is not null)
            {
                Assert.Equal(code, await response.ProblemCodeAsync());
            }
        }
    }

    private static Task<HttpResponseMessage> PostAsync(TestApp app, string token, object body) =>
        app.Client.PostAsJsonAsync($"/api/chat/webhooks/{token}", body);
}
