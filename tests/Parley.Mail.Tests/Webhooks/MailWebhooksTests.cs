using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Webhooks;
using Parley.Mail.Storage;
using Parley.Mail.Tests.Api;
using Parley.Mail.Webhooks;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Mail.Tests.Webhooks;

/// <summary>Mail's own webhook endpoints: verified at registration, delivered by Core's dispatcher, health kept in Mail's table.</summary>
public sealed class MailWebhooksTests
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Webhooks:AllowPrivateTargets"] = "true",
        ["Webhooks:RetrySchedule"] = "1s, 1s, 1s, 1s",
        ["Webhooks:WarningAfterFailures"] = "1",
        ["Webhooks:DisableAfterFailures"] = "2",
        ["Mail:Webhooks:VerificationTimeoutSeconds"] = "1",
    };

    [Theory, BothProviders]
    public async Task Registration_needs_the_challenge_echoed_in_time(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, Settings);
        await using var receiver = await WebhookReceiver.StartAsync();
        var admin = (await app.SignInAsync()).AccessToken;
        var body = new { url = receiver.Url.ToString(), events = new[] { "message.received" } };

        receiver.EchoChallenge = false;
        Assert.Equal("webhook_verification_failed", await app.SendAsync(HttpMethod.Post, "/api/mail/webhooks", admin, body).RefusedAsync((HttpStatusCode)422));
        receiver.EchoChallenge = true;
        receiver.Silence = TimeSpan.FromSeconds(3);
        Assert.Equal("webhook_verification_failed", await app.SendAsync(HttpMethod.Post, "/api/mail/webhooks", admin, body).RefusedAsync((HttpStatusCode)422));
        Assert.Empty((await app.SendAsync(HttpMethod.Get, "/api/mail/webhooks", admin).OkJsonAsync()).GetProperty("items").EnumerateArray());

        receiver.Silence = null;
        var created = await app.SendAsync(HttpMethod.Post, "/api/mail/webhooks", admin, body).OkJsonAsync(HttpStatusCode.Created);
        var secret = created.Str("secret");
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        var challenge = receiver.Received.Last();
        Assert.Equal("webhook.verification", challenge.Event);
        Assert.True(WebhookSigner.Verify(secret, challenge.Signature, challenge.Body, TimeSpan.FromMinutes(1)));
        Assert.Contains("\"type\":\"webhook.verification\"", challenge.Body, StringComparison.Ordinal);

        Assert.Equal("validation_failed", await app.SendAsync(HttpMethod.Post, "/api/mail/webhooks", admin, new { url = receiver.Url.ToString(), events = new[] { "chat.message_posted" } }).RefusedAsync(HttpStatusCode.BadRequest));
        var shown = await app.SendAsync(HttpMethod.Get, $"/api/mail/webhooks/{created.Str("id")}", admin).OkJsonAsync();
        Assert.False(shown.TryGetProperty("secret", out _));
        Assert.Equal(HttpStatusCode.NoContent, (await app.SendAsync(HttpMethod.Delete, $"/api/mail/webhooks/{created.Str("id")}", admin)).StatusCode);
    }

    [Fact]
    public async Task Private_targets_are_refused_unless_allowed()
    {
        await using var app = await TestApp.StartAsync(TestDatabase.Sqlite);
        var admin = (await app.SignInAsync()).AccessToken;
        Assert.Equal(WebhookTargetGuard.ForbiddenCode, await app.SendAsync(HttpMethod.Post, "/api/mail/webhooks", admin,
            new { url = "http://127.0.0.1:9/hook", events = new[] { "message.received" } }).RefusedAsync(HttpStatusCode.BadRequest));
    }

    [Theory, BothProviders]
    public async Task Events_reach_subscribed_endpoints_of_their_inbox_and_failures_count_to_disabled(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, Settings);
        await using var receiver = await WebhookReceiver.StartAsync();
        var admin = (await app.SignInAsync()).AccessToken;
        var (domain, inbox) = await app.DomainWithInboxAsync(admin);
        var other = await app.CreateInboxAsync(admin, domain, "other");
        var all = await app.SendAsync(HttpMethod.Post, "/api/mail/webhooks", admin,
            new { url = receiver.Url + "/all", events = new[] { "message.received", "thread.merged" } }).OkJsonAsync(HttpStatusCode.Created);
        var scoped = await app.SendAsync(HttpMethod.Post, "/api/mail/webhooks", admin,
            new { url = receiver.Url + "/scoped", events = new[] { "message.received" }, inbox_ids = new[] { inbox } }).OkJsonAsync(HttpStatusCode.Created);
        var allId = all.GetProperty("id").GetGuid();
        var scopedId = scoped.GetProperty("id").GetGuid();

        Assert.Equal(2, await EnqueueAsync(app, MailEventTypes.MessageReceived, inbox, new { message_id = "m1@x.test" }));
        Assert.Equal(1, await EnqueueAsync(app, MailEventTypes.MessageReceived, other, new { message_id = "m2@x.test" }));
        Assert.Equal(1, await EnqueueAsync(app, MailEventTypes.ThreadMerged, null, new { thread_id = Guid.NewGuid() }));
        Assert.Equal(0, await EnqueueAsync(app, MailEventTypes.MessageBounced, inbox, new { message_id = "m1@x.test" }));

        await Eventually.Until(() => receiver.Received.Count(r => r.Event != "webhook.verification") == 4, TimeSpan.FromSeconds(15), "four deliveries");
        var secret = all.Str("secret");
        Assert.All(receiver.Received.Where(r => r.Event == "message.received" && r.Body.Contains("m2@x.test", StringComparison.Ordinal)),
            r => Assert.True(WebhookSigner.Verify(secret, r.Signature, r.Body, TimeSpan.FromMinutes(1))));
        await Eventually.Until(async () => (await EndpointAsync(app, allId)).LastSuccessAt is not null, TimeSpan.FromSeconds(10), "success recorded in Mail's table");

        // A delivery is marked delivered only after the receiver's answer is back, so the receiver having
        // seen all four says nothing yet about the last one's record: wait for the records themselves.
        var statuses = Array.Empty<string>();
        await Eventually.Until(async () =>
        {
            var deliveries = await app.SendAsync(HttpMethod.Get, $"/api/mail/webhooks/{allId}/deliveries", admin).OkJsonAsync();
            statuses = deliveries.GetProperty("items").EnumerateArray().Select(d => d.Str("status")).ToArray();
            return statuses.Length == 3 && statuses.All(s => s == "delivered");
        }, TimeSpan.FromSeconds(10), "three deliveries recorded as delivered");
        Assert.Equal(["delivered", "delivered", "delivered"], statuses);

        // Failures: warning after one, disabled after two; a disabled endpoint gets nothing more.
        receiver.DeliveryStatus = 500;
        await EnqueueAsync(app, MailEventTypes.MessageReceived, other, new { message_id = "m3@x.test" });
        await Eventually.Until(async () => (await EndpointAsync(app, allId)).Status == WebhookEndpointStates.Disabled, TimeSpan.FromSeconds(20), "endpoint disabled");
        var endpoint = await EndpointAsync(app, allId);
        Assert.Equal(2, endpoint.FailureCount);
        Assert.NotNull(endpoint.LastFailureAt);
        Assert.Equal(WebhookEndpointStates.Active, (await EndpointAsync(app, scopedId)).Status);
        Assert.Equal(0, await EnqueueAsync(app, MailEventTypes.MessageReceived, other, new { message_id = "m4@x.test" }));
    }

    private static async Task<int> EnqueueAsync(TestApp app, string eventType, Guid? inboxId, object data)
    {
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MailDbContext>();
        var added = await scope.ServiceProvider.GetRequiredService<MailWebhooks>().EnqueueAsync(db, eventType, inboxId, data, default);
        await db.SaveChangesAsync();
        return added;
    }

    private static async Task<MailWebhookEndpoint> EndpointAsync(TestApp app, Guid id)
    {
        await using var scope = app.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<MailDbContext>().WebhookEndpoints.AsNoTracking().SingleAsync(e => e.Id == id);
    }
}
