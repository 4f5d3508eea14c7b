using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Security;

/// <summary>Talks to the security endpoints the way a client would: JSON in, JSON out, bearer credentials.</summary>
public static class SecurityApi
{
    public static async Task<HttpResponseMessage> SendAsync(this TestApp app, HttpMethod method, string path, string? bearer = null, object? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        return await app.Client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> LoginAsync(this TestApp app, string username = TestApp.AdminUsername, string password = TestApp.AdminPassword) =>
        app.SendAsync(HttpMethod.Post, "/api/auth/login", body: new { username, password });

    /// <summary>Signs in and returns the token response; fails the test if sign-in does not succeed.</summary>
    public static async Task<Tokens> SignInAsync(this TestApp app, string username = TestApp.AdminUsername, string password = TestApp.AdminPassword)
    {
        using var response = await app.LoginAsync(username, password);
        var json = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"sign-in failed: {(int)response.StatusCode} {json}");
        return Tokens.From(json);
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(string.IsNullOrEmpty(text) ? "null" : text);
        return document.RootElement.Clone();
    }

    public static async Task<string?> ProblemCodeAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = await response.JsonAsync();
        return json.TryGetProperty("code", out var code) ? code.GetString() : null;
    }

    public static string Str(this JsonElement json, string property) => json.GetProperty(property).GetString()!;

    /// <summary>Creates a user through the admin API as the first owner.</summary>
    public static async Task<Guid> CreateUserAsync(this TestApp app, string adminToken, string username, string password, string role = "user")
    {
        using var response = await app.SendAsync(HttpMethod.Post, "/api/admin/users", adminToken, new { username, password, role });
        var json = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"create user failed: {(int)response.StatusCode} {json}");
        return json.GetProperty("id").GetGuid();
    }

    /// <summary>Creates an API key through the admin API and returns (id, key).</summary>
    public static async Task<(long Id, string Key)> CreateApiKeyAsync(this TestApp app, string adminToken, string[] permissions, DateTime? expiresAt = null)
    {
        using var response = await app.SendAsync(HttpMethod.Post, "/api/admin/api-keys", adminToken,
            new Dictionary<string, object?> { ["name"] = "test key", ["permissions"] = permissions, ["expires_at"] = expiresAt });
        var json = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"create key failed: {(int)response.StatusCode} {json}");
        return (json.GetProperty("id").GetInt64(), json.Str("key"));
    }

    /// <summary>A client acting through a new API key (named "test key") that holds exactly <paramref name="permissions"/>.</summary>
    public static async Task<HttpClient> ClientWithAsync(this TestApp app, params string[] permissions)
    {
        var admin = await app.SignInAsync();
        var (_, key) = await app.CreateApiKeyAsync(admin.AccessToken, permissions);
        var client = app.Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}

public sealed record Tokens(string AccessToken, string RefreshToken, JsonElement User)
{
    public static Tokens From(JsonElement json) => new(json.Str("access_token"), json.Str("refresh_token"), json.GetProperty("user"));
}
