using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Parley.Triage.Tests.OAuth;

/// <summary>
/// An OAuth2 token endpoint on loopback (HttpListener): answers each POST with the next scripted status and JSON body
/// (the last one repeats), and records each request's form fields.
/// </summary>
internal sealed class FakeTokenEndpoint : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<(int Status, string Json)> _script = new();
    private (int Status, string Json) _last = (500, "{}");
    private readonly Task _loop;

    public FakeTokenEndpoint()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/token";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string Url { get; }

    /// <summary>The token introspection URL (<c>/introspect</c>) for Dovecot's oauth2 passdb.</summary>
    public string IntrospectionUrl => Url.Replace("/token", "/introspect", StringComparison.Ordinal);

    /// <summary>Access tokens introspection calls active, with the user each belongs to.</summary>
    public ConcurrentDictionary<string, string> ValidAccessTokens { get; } = new();

    public ConcurrentQueue<IReadOnlyDictionary<string, string>> Requests { get; } = new();

    public FakeTokenEndpoint Then(int status, string json)
    {
        _script.Enqueue((status, json));
        return this;
    }

    public FakeTokenEndpoint ThenToken(string accessToken, int expiresIn, string? refreshToken = null) =>
        Then(200, refreshToken is null
            ? $$"""{"access_token":"{{accessToken}}","token_type":"Bearer","expires_in":{{expiresIn}}}"""
            : $$"""{"access_token":"{{accessToken}}","token_type":"Bearer","expires_in":{{expiresIn}},"refresh_token":"{{refreshToken}}"}""");

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var form = body.Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Select(p => p.Split('=', 2))
                .ToDictionary(p => WebUtility.UrlDecode(p[0]), p => WebUtility.UrlDecode(p.Length > 1 ? p[1] : ""));
            if (context.Request.Url?.AbsolutePath == "/introspect")
            {
                // Dovecot's oauth2 passdb asks whether a bearer token is valid, and whose it is.
                var owner = ValidAccessTokens.GetValueOrDefault(form.GetValueOrDefault("token") ?? "");
                await AnswerAsync(context, 200, owner is null ? """{"active":false}""" : $$"""{"active":true,"email":"{{owner}}"}""");
                continue;
            }
            Requests.Enqueue(form);
            if (_script.TryDequeue(out var next))
            {
                _last = next;
            }
            await AnswerAsync(context, _last.Status, _last.Json);
        }
    }

    private static async Task AnswerAsync(HttpListenerContext context, int status, string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
