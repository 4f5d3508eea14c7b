using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Security;
using Parley.Core.Storage;
using Parley.Core.Webhooks;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;
using static Parley.Tests.Webhooks.WebhookTestKit;

namespace Parley.Tests.Webhooks;

public sealed class WebhookDeliveryTests
{
    [Theory, BothProviders]
    public async Task A_webhook_to_a_receiver_that_fails_twice_is_delivered_on_the_third_try_with_a_signature_it_verifies(string provider)
    {
        var warningSeen = new TaskCompletionSource();
        await using var receiver = await WebhookReceiver.StartAsync(n => n <= 2 ? 500 : 200);
        // The third answer waits until the test has seen the endpoint in warning.
        receiver.BeforeAnswering = n => n == 3 ? warningSeen.Task.WaitAsync(TimeSpan.FromSeconds(5)) : Task.CompletedTask;
        await using var app = await StartAsync(provider, new()
        {
            ["Webhooks:AllowPrivateTargets"] = "true",
            ["Webhooks:RetrySchedule"] = "500ms, 500ms, 500ms",
            ["Webhooks:WarningAfterFailures"] = "2",
        });
        var (endpointId, secret) = await CreateEndpointAsync(app, receiver.Url, "chat.message_posted");
        receiver.Secret = secret;

        Assert.Equal(1, await PublishAsync(app, "chat.message_posted", new { MessageId = "m1", Text = "hello" }));

        await Eventually.Until(async () => (await EndpointAsync(app, endpointId)).Status == WebhookEndpointStates.Warning, because: "two failures put the endpoint in warning");
        Assert.Equal(2, (await EndpointAsync(app, endpointId)).ConsecutiveFailures);
        warningSeen.SetResult();

        await Eventually.Until(async () => (await DeliveriesAsync(app, endpointId)).Single().Status == WebhookDeliveryStates.Delivered);
        var delivery = (await DeliveriesAsync(app, endpointId)).Single();
        Assert.Equal((3, 200), (delivery.Attempts, delivery.LastStatusCode));
        Assert.NotNull(delivery.DeliveredAt);

        var received = receiver.Received.ToList();
        Assert.Equal(3, received.Count);
        Assert.All(received, r => Assert.True(r.SignatureVerified));
        Assert.All(received, r => Assert.Equal((delivery.Id.ToString(), "chat.message_posted", "application/json", delivery.Payload), (r.DeliveryId, r.Event, r.ContentType, r.Body)));
        using var body = JsonDocument.Parse(received[2].Body);
        Assert.Equal(delivery.Id, body.RootElement.GetProperty("id").GetGuid());
        Assert.Equal("chat.message_posted", body.RootElement.GetProperty("type").GetString());
        Assert.Equal("hello", body.RootElement.GetProperty("data").GetProperty("text").GetString());
        Assert.Equal("m1", body.RootElement.GetProperty("data").GetProperty("message_id").GetString());
        Assert.True(body.RootElement.TryGetProperty("created_at", out _));

        // The endpoint's health is recorded just after the delivery itself.
        await Eventually.Until(async () => (await EndpointAsync(app, endpointId)).Status == WebhookEndpointStates.Active, because: "a success restores the endpoint");
        var endpoint = await EndpointAsync(app, endpointId);
        Assert.Equal(0, endpoint.ConsecutiveFailures);
        Assert.NotNull(endpoint.LastSuccessAt);
    }

    [Theory, BothProviders]
    public async Task An_endpoint_that_keeps_failing_is_disabled_audited_and_gets_no_more_deliveries(string provider)
    {
        await using var receiver = await WebhookReceiver.StartAsync(_ => 503);
        await using var app = await StartAsync(provider, new()
        {
            ["Webhooks:AllowPrivateTargets"] = "true",
            ["Webhooks:RetrySchedule"] = "200ms, 200ms, 200ms, 200ms",
            ["Webhooks:WarningAfterFailures"] = "1",
            ["Webhooks:DisableAfterFailures"] = "2",
        });
        var (endpointId, secret) = await CreateEndpointAsync(app, receiver.Url);
        receiver.Secret = secret;

        await PublishAsync(app, "mail.received", new { Subject = "hi" });

        await Eventually.Until(async () => (await DeliveriesAsync(app, endpointId)).Single().Status == WebhookDeliveryStates.Failed);
        var delivery = (await DeliveriesAsync(app, endpointId)).Single();
        Assert.Equal((2, 503, "HTTP 503 Service Unavailable"), (delivery.Attempts, delivery.LastStatusCode, delivery.LastError));
        var endpoint = await EndpointAsync(app, endpointId);
        Assert.Equal((WebhookEndpointStates.Disabled, 2), (endpoint.Status, endpoint.ConsecutiveFailures));
        Assert.Equal(2, receiver.Received.Count);

        await using (var scope = app.CreateScope())
        {
            var audit = await scope.ServiceProvider.GetRequiredService<CoreDbContext>().AuditLog.AsNoTracking()
                .SingleAsync(a => a.Action == "webhook.disabled");
            Assert.Null(audit.UserId);
            Assert.Contains(endpointId.ToString(), audit.Metadata, StringComparison.Ordinal);
        }

        Assert.Equal(0, await PublishAsync(app, "mail.received", new { Subject = "again" }));
        Assert.Single(await DeliveriesAsync(app, endpointId));
    }

    [Fact]
    public async Task A_delivery_that_fails_every_attempt_of_its_schedule_ends_failed()
    {
        await using var receiver = await WebhookReceiver.StartAsync(_ => 500);
        await using var app = await StartAsync(TestDatabase.Sqlite, new()
        {
            ["Webhooks:AllowPrivateTargets"] = "true",
            ["Webhooks:RetrySchedule"] = "100ms, 100ms",
        });
        var (endpointId, secret) = await CreateEndpointAsync(app, receiver.Url);
        receiver.Secret = secret;

        await PublishAsync(app, "chat.message_posted", new { Text = "x" });

        await Eventually.Until(async () => (await DeliveriesAsync(app, endpointId)).Single().Status == WebhookDeliveryStates.Failed);
        var delivery = (await DeliveriesAsync(app, endpointId)).Single();
        Assert.Equal(3, delivery.Attempts);
        Assert.Null(delivery.NextAttemptAt);
        Assert.Equal(3, receiver.Received.Count);
        // Three failures reach the default warning threshold, far from disabling.
        Assert.Equal(WebhookEndpointStates.Warning, (await EndpointAsync(app, endpointId)).Status);
    }

    [Fact]
    public async Task Only_endpoints_subscribed_to_an_event_type_receive_it()
    {
        await using var app = await StartAsync(TestDatabase.Sqlite, new() { ["Webhooks:AllowPrivateTargets"] = "true" });
        var chat = await CreateEndpointAsync(app, new Uri("http://127.0.0.1:9/chat"), "chat.message_posted");
        var all = await CreateEndpointAsync(app, new Uri("http://127.0.0.1:9/all"), "*");
        var mail = await CreateEndpointAsync(app, new Uri("http://127.0.0.1:9/mail"), "mail.received");

        Assert.Equal(2, await PublishAsync(app, "chat.message_posted", new { Text = "x" }));

        Assert.Single(await DeliveriesAsync(app, chat.Id));
        Assert.Single(await DeliveriesAsync(app, all.Id));
        Assert.Empty(await DeliveriesAsync(app, mail.Id));
    }

    [Fact]
    public async Task A_delivery_to_an_internal_address_is_refused_when_connecting_even_if_the_endpoint_got_past_creation()
    {
        await using var receiver = await WebhookReceiver.StartAsync(_ => 200);
        await using var app = await StartAsync(TestDatabase.Sqlite);
        // As if the name had resolved to a public address at creation and to loopback now (DNS rebinding).
        var endpointId = Guid.CreateVersion7();
        await using (var scope = app.CreateScope())
        {
            var keyring = scope.ServiceProvider.GetRequiredService<InstanceKeyring>();
            var db = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
            db.WebhookEndpoints.Add(new WebhookEndpoint
            {
                Id = endpointId,
                Url = receiver.Url.ToString(),
                SecretCiphertext = keyring.Encrypt("webhook", Encoding.UTF8.GetBytes(WebhookSigner.NewSecret())),
            });
            await db.SaveChangesAsync();
        }

        await PublishAsync(app, "chat.message_posted", new { Text = "x" });

        await Eventually.Until(async () => (await DeliveriesAsync(app, endpointId)).Single().Attempts == 1);
        var delivery = (await DeliveriesAsync(app, endpointId)).Single();
        Assert.Contains("may not target 127.0.0.1", delivery.LastError, StringComparison.Ordinal);
        Assert.Null(delivery.LastStatusCode);
        Assert.Empty(receiver.Received);
    }

    [Fact]
    public async Task The_deliveries_of_an_endpoint_are_listed_newest_first()
    {
        await using var app = await StartAsync(TestDatabase.Sqlite, new() { ["Webhooks:AllowPrivateTargets"] = "true" });
        var (endpointId, _) = await CreateEndpointAsync(app, new Uri("http://127.0.0.1:9/hook"));
        await PublishAsync(app, "first.event", new { N = 1 });
        await PublishAsync(app, "second.event", new { N = 2 });
        using var client = await app.ClientWithAsync(Permissions.WebhooksRead);

        var deliveries = await client.GetFromJsonAsync<JsonElement>($"/api/admin/webhooks/{endpointId}/deliveries");

        Assert.Equal(["second.event", "first.event"], deliveries.EnumerateArray().Select(d => d.GetProperty("event_type").GetString()));
        Assert.All(deliveries.EnumerateArray(), d => Assert.Equal("core", d.GetProperty("module").GetString()));
        Assert.All(deliveries.EnumerateArray(), d => Assert.False(d.TryGetProperty("payload", out _)));
    }
}
