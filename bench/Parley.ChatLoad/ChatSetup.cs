using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Parley.ChatLoad;

/// <summary>A load user: signed in, a member of the load channel.</summary>
internal sealed record LoadUser(Guid Id, string Token);

/// <summary>
/// Arranges the load through the public HTTP API, as a client would: users made by the admin, a community
/// and a channel owned by the first, everyone joined.
/// </summary>
internal sealed class ChatSetup(HttpClient http)
{
    private const string Password = "load-driver-password-1";
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public async Task<(IReadOnlyList<LoadUser> Users, Guid Channel)> ArrangeAsync(LoadOptions options)
    {
        var admin = await SignInAsync(options.AdminUser, options.AdminPassword);
        var run = Guid.NewGuid().ToString("N")[..8];
        var users = new LoadUser[options.Clients];
        await Parallel.ForEachAsync(Enumerable.Range(0, options.Clients), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            var username = $"load-{run}-{i}";
            var created = await SendAsync(HttpMethod.Post, "/api/admin/users", admin, new { username, password = Password, role = "user" });
            users[i] = new LoadUser(created.GetProperty("id").GetGuid(), await SignInAsync(username, Password));
        });

        var owner = users[0];
        var community = (await SendAsync(HttpMethod.Post, "/api/chat/communities", owner.Token, new { name = "Load " + run })).GetProperty("id").GetGuid();
        var group = (await SendAsync(HttpMethod.Post, $"/api/chat/communities/{community}/groups", owner.Token, new { name = "Load" })).GetProperty("id").GetGuid();
        var channel = (await SendAsync(HttpMethod.Post, $"/api/chat/groups/{group}/channels", owner.Token, new { name = "load" })).GetProperty("id").GetGuid();
        var invite = (await SendAsync(HttpMethod.Post, $"/api/chat/communities/{community}/invites", owner.Token, new { })).GetProperty("code").GetString();
        await Parallel.ForEachAsync(users.Skip(1), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (user, _) =>
        {
            await SendAsync(HttpMethod.Post, $"/api/chat/invites/{invite}/join", user.Token, null);
            await SendAsync(HttpMethod.Post, $"/api/chat/channels/{channel}/join", user.Token, null);
        });
        return (users, channel);
    }

    private async Task<string> SignInAsync(string username, string password) =>
        (await SendAsync(HttpMethod.Post, "/api/auth/login", null, new { username, password })).GetProperty("access_token").GetString()!;

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, string? token, object? body)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{method} {path}: {(int)response.StatusCode} {text}");
        }
        using var document = JsonDocument.Parse(text.Length == 0 ? "null" : text);
        return document.RootElement.Clone();
    }
}
