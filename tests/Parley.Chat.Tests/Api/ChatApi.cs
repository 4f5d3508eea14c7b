using System.Net;
using System.Text.Json;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Chat.Tests.Api;

/// <summary>A signed-in person for chat tests.</summary>
internal sealed record ChatUser(Guid Id, string Token);

/// <summary>Arranges chat state through the public API, as a client would.</summary>
internal static class ChatApi
{
    public const string Password = "a-long-enough-password-1";

    public static async Task<ChatUser> UserAsync(this TestApp app, string name)
    {
        var admin = await app.SignInAsync();
        var id = await app.CreateUserAsync(admin.AccessToken, name, Password);
        var tokens = await app.SignInAsync(name, Password);
        return new ChatUser(id, tokens.AccessToken);
    }

    public static async Task<JsonElement> OkJsonAsync(this TestApp app, HttpMethod method, string path, ChatUser user, object? body = null)
    {
        using var response = await app.SendAsync(method, path, user.Token, body);
        var json = await response.JsonAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {json}");
        return json;
    }

    /// <summary>Asserts the call is refused with <paramref name="status"/> and problem code <paramref name="code"/>.</summary>
    public static async Task RefusedAsync(this TestApp app, HttpStatusCode status, string code, HttpMethod method, string path, ChatUser user, object? body = null)
    {
        using var response = await app.SendAsync(method, path, user.Token, body);
        Assert.True(response.StatusCode == status, $"{method} {path}: expected {(int)status}, got {(int)response.StatusCode} {await response.JsonAsync()}");
        Assert.Equal(code, await response.ProblemCodeAsync());
    }

    public static async Task<Guid> CommunityAsync(this TestApp app, ChatUser owner, string name = "Crabs") =>
        (await app.OkJsonAsync(HttpMethod.Post, "/api/chat/communities", owner, new { name })).GetProperty("id").GetGuid();

    /// <summary>Brings <paramref name="user"/> into the community through an invite the owner makes.</summary>
    public static async Task JoinAsync(this TestApp app, Guid communityId, ChatUser owner, ChatUser user)
    {
        var invite = await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/communities/{communityId}/invites", owner, new { });
        await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/invites/{invite.Str("code")}/join", user);
    }

    public static Task SetRoleAsync(this TestApp app, Guid communityId, ChatUser owner, ChatUser user, string role) =>
        app.OkJsonAsync(HttpMethod.Put, $"/api/chat/communities/{communityId}/members/{user.Id}/role", owner, new { role });
}
