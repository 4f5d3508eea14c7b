using System.Net;
using System.Text.Json;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Tests.Infrastructure;

/// <summary>A signed-in person for chat tests.</summary>
public sealed record ChatUser(Guid Id, string Token);

/// <summary>Arranges chat state through the public API, as a client would.</summary>
public static class ChatApi
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

    /// <summary>Asserts the call succeeds, whatever it answers (204s have no body to read).</summary>
    public static async Task OkAsync(this TestApp app, HttpMethod method, string path, ChatUser user, object? body = null)
    {
        using var response = await app.SendAsync(method, path, user.Token, body);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
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

    public static async Task<Guid> GroupAsync(this TestApp app, Guid communityId, ChatUser owner, string name = "General") =>
        (await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/communities/{communityId}/groups", owner, new { name })).GetProperty("id").GetGuid();

    /// <summary>A text channel in a new group of the community, made by <paramref name="owner"/> (who is in it); <paramref name="settings"/> are extra fields.</summary>
    public static async Task<Guid> ChannelAsync(this TestApp app, Guid communityId, ChatUser owner, object? settings = null)
    {
        var group = await app.GroupAsync(communityId, owner);
        var channel = (await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/groups/{group}/channels", owner, new { name = "lobby" })).GetProperty("id").GetGuid();
        if (settings is not null)
        {
            await app.OkJsonAsync(HttpMethod.Patch, $"/api/chat/channels/{channel}", owner, settings);
        }
        return channel;
    }

    /// <summary>A community owned by <paramref name="owner"/> with one channel that every one of <paramref name="members"/> has joined.</summary>
    public static async Task<(Guid Community, Guid Channel)> RoomAsync(this TestApp app, ChatUser owner, params ChatUser[] members)
    {
        var community = await app.CommunityAsync(owner);
        var channel = await app.ChannelAsync(community, owner);
        foreach (var member in members)
        {
            await app.JoinAsync(community, owner, member);
            await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/channels/{channel}/join", member);
        }
        return (community, channel);
    }

    public static async Task<JsonElement> PostAsync(this TestApp app, Guid channelId, ChatUser sender, string text) =>
        await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/channels/{channelId}/messages", sender, new { plaintext = text });

    public static Task<HubClient> HubAsync(this TestApp app, ChatUser user, HubProtocol protocol = HubProtocol.Json, params string[] events) =>
        HubClient.ConnectAsync(app, user.Token, protocol, "/hubs/chat", events);
}
