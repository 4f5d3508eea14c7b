using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Security;

public sealed class ApiKeyTests
{
    [Theory, BothProviders]
    public async Task An_api_key_works_until_revoked_and_then_gets_401(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.SignInAsync();
        var (id, key) = await app.CreateApiKeyAsync(admin.AccessToken, ["users.read"]);
        Assert.StartsWith("pk_", key, StringComparison.Ordinal);

        using var allowed = await app.SendAsync(HttpMethod.Get, "/api/admin/users", key);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        using var notGranted = await app.SendAsync(HttpMethod.Get, "/api/admin/audit", key);
        Assert.Equal(HttpStatusCode.Forbidden, notGranted.StatusCode);
        Assert.Equal("forbidden", await notGranted.ProblemCodeAsync());

        using var list = await app.SendAsync(HttpMethod.Get, "/api/admin/api-keys", admin.AccessToken);
        var listed = Assert.Single((await list.JsonAsync()).EnumerateArray());
        Assert.Equal(key.Substring(3, 8), listed.Str("prefix"));
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, listed.GetProperty("last_used_at").ValueKind);
        Assert.DoesNotContain(key, listed.ToString(), StringComparison.Ordinal);

        using var revoke = await app.SendAsync(HttpMethod.Delete, $"/api/admin/api-keys/{id}", admin.AccessToken);
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);

        using var revoked = await app.SendAsync(HttpMethod.Get, "/api/admin/users", key);
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.Equal("unauthorized", await revoked.ProblemCodeAsync());

        using var unknownRevoke = await app.SendAsync(HttpMethod.Delete, "/api/admin/api-keys/999999", admin.AccessToken);
        Assert.Equal(HttpStatusCode.NotFound, unknownRevoke.StatusCode);
    }

    [Theory, BothProviders]
    public async Task An_expired_api_key_gets_401(string provider)
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var app = await TestApp.StartAsync(provider, customize: builder => builder.Services.AddSingleton<TimeProvider>(clock));
        var admin = await app.SignInAsync();
        var (_, key) = await app.CreateApiKeyAsync(admin.AccessToken, ["users.read"], clock.GetUtcNow().UtcDateTime.AddHours(1));

        using var before = await app.SendAsync(HttpMethod.Get, "/api/admin/users", key);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        clock.Advance(TimeSpan.FromHours(2));
        using var after = await app.SendAsync(HttpMethod.Get, "/api/admin/users", key);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Theory, BothProviders]
    public async Task Unknown_keys_and_permissions_are_refused(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.SignInAsync();

        using var unknownKey = await app.SendAsync(HttpMethod.Get, "/api/admin/users", "pk_" + new string('A', 43));
        Assert.Equal(HttpStatusCode.Unauthorized, unknownKey.StatusCode);

        using var badPermission = await app.SendAsync(HttpMethod.Post, "/api/admin/api-keys", admin.AccessToken,
            new { name = "bad", permissions = new[] { "users.read", "root" } });
        Assert.Equal(HttpStatusCode.BadRequest, badPermission.StatusCode);
        Assert.Equal("validation_failed", await badPermission.ProblemCodeAsync());

        using var past = await app.SendAsync(HttpMethod.Post, "/api/admin/api-keys", admin.AccessToken,
            new { name = "old", permissions = Array.Empty<string>(), expires_at = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc) });
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);

        using var permissions = await app.SendAsync(HttpMethod.Get, "/api/admin/permissions", admin.AccessToken);
        var names = (await permissions.JsonAsync()).EnumerateArray().Select(p => p.GetString()).ToList();
        Assert.Contains("audit.read", names);
    }
}
