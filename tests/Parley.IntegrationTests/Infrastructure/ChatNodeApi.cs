using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Parley.IntegrationTests.Infrastructure;

/// <summary>The HTTP API of one running server, as a signed-in person sees it (snake_case JSON).</summary>
public sealed class ChatNodeApi(Uri baseAddress) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private readonly HttpClient _http = new() { BaseAddress = baseAddress };

    public Uri HubUrl => new(baseAddress, "/hubs/chat");

    public async Task<string> SignInAsync(string username, string password) =>
        (await SendAsync(HttpMethod.Post, "/api/auth/login", null, new { username, password })).GetProperty("access_token").GetString()!;

    /// <summary>Sends a request and returns its JSON body; fails the test unless it succeeded.</summary>
    public async Task<JsonElement> SendAsync(HttpMethod method, string path, string? token, object? body = null)
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
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path} on {baseAddress}: {(int)response.StatusCode} {text}");
        using var document = JsonDocument.Parse(text.Length == 0 ? "null" : text);
        return document.RootElement.Clone();
    }

    public void Dispose() => _http.Dispose();
}
