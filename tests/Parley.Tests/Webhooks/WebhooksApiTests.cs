using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Security;
using Parley.Core.Storage;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;
using static Parley.Tests.Webhooks.WebhookTestKit;

namespace Parley.Tests.Webhooks;

public sealed class WebhooksApiTests
{
    [Fact]
    public async Task Creating_an_endpoint_shows_its_secret_once_and_the_listing_never_does()
    {
        await using var app = await StartAsync(TestDatabase.Sqlite, new() { ["Webhooks:AllowPrivateTargets"] = "true" });
        using var client = await app.ClientWithAsync(Permissions.WebhooksRead, Permissions.WebhooksWrite);

        var response = await client.PostAsJsonAsync("/api/admin/webhooks", new { url = "http://127.0.0.1:9/hook", event_types = new[] { "chat.message_posted" }, description = "ops" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var secret = created.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(6 + 43, secret.Length); // 32 bytes, base64url without padding
        Assert.Equal("active", created.GetProperty("status").GetString());

        var listed = Assert.Single((await client.GetFromJsonAsync<JsonElement>("/api/admin/webhooks")).EnumerateArray());
        Assert.Equal(created.GetProperty("id").GetGuid(), listed.GetProperty("id").GetGuid());
        Assert.Equal(["chat.message_posted"], listed.GetProperty("event_types").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("ops", listed.GetProperty("description").GetString());
        Assert.False(listed.TryGetProperty("secret", out _));
        Assert.DoesNotContain(secret, await client.GetStringAsync("/api/admin/webhooks"), StringComparison.Ordinal);

        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
        var stored = await db.WebhookEndpoints.AsNoTracking().SingleAsync();
        Assert.DoesNotContain(secret, System.Text.Encoding.UTF8.GetString(stored.SecretCiphertext), StringComparison.Ordinal);
        var audit = await db.AuditLog.AsNoTracking().SingleAsync(a => a.Action == "webhook.created");
        var keyId = await db.ApiKeys.AsNoTracking().Where(k => k.Name == "test key").Select(k => k.Id).SingleAsync();
        Assert.Equal(keyId, audit.ApiKeyId);
    }

    [Theory]
    [InlineData("http://127.0.0.1/hook")]
    [InlineData("http://10.0.0.1/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[::1]:8080/hook")]
    [InlineData("https://localhost/hook")]
    public async Task Creating_an_endpoint_that_targets_an_internal_address_is_refused(string url)
    {
        await using var app = await StartAsync(TestDatabase.Sqlite);
        using var client = await app.ClientWithAsync(Permissions.WebhooksWrite);

        var response = await client.PostAsJsonAsync("/api/admin/webhooks", new { url, event_types = new[] { "*" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("webhook_target_forbidden", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_endpoint_request_with_a_bad_url_or_no_event_types_is_rejected_field_by_field()
    {
        await using var app = await StartAsync(TestDatabase.Sqlite);
        using var client = await app.ClientWithAsync(Permissions.WebhooksWrite);

        var response = await client.PostAsJsonAsync("/api/admin/webhooks", new { url = "ftp://example.com/x", event_types = Array.Empty<string>() });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("validation_failed", problem.GetProperty("code").GetString());
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("url", out _));
        Assert.True(errors.TryGetProperty("event_types", out _));
    }

    [Fact]
    public async Task Deleting_an_endpoint_removes_it_and_deleting_it_again_is_not_found()
    {
        await using var app = await StartAsync(TestDatabase.Sqlite, new() { ["Webhooks:AllowPrivateTargets"] = "true" });
        var (id, _) = await CreateEndpointAsync(app, new Uri("http://127.0.0.1:9/hook"));
        using var client = await app.ClientWithAsync(Permissions.WebhooksRead, Permissions.WebhooksWrite);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/admin/webhooks/{id}")).StatusCode);

        Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/api/admin/webhooks")).EnumerateArray());
        var again = await client.DeleteAsync($"/api/admin/webhooks/{id}");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("webhook_not_found", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        await using var scope = app.CreateScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<CoreDbContext>().AuditLog.AnyAsync(a => a.Action == "webhook.deleted"));
    }

    [Fact]
    public async Task Webhook_endpoints_need_the_webhooks_permissions()
    {
        await using var app = await StartAsync(TestDatabase.Sqlite);
        using var reader = await app.ClientWithAsync(Permissions.WebhooksRead);
        using var stranger = await app.ClientWithAsync(Permissions.Account);
        var body = new { url = "https://example.com/hook", event_types = new[] { "*" } };

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client.GetAsync("/api/admin/webhooks")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync("/api/admin/webhooks")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/admin/webhooks")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsJsonAsync("/api/admin/webhooks", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.DeleteAsync($"/api/admin/webhooks/{Guid.NewGuid()}")).StatusCode);
    }
}
