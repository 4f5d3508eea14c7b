using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Parley.Tests.Infrastructure;

/// <summary>A real HTTP endpoint on loopback that receives webhooks: echoes verification challenges (unless told not to) and records deliveries.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public WebhookReceiver()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = new Uri($"http://127.0.0.1:{port}/hook/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri Url { get; }

    /// <summary>What the endpoint answers a challenge: echo it (default), answer something else, or stay silent this long.</summary>
    public bool EchoChallenge { get; set; } = true;
    public TimeSpan? Silence { get; set; }

    /// <summary>Status code for deliveries (not challenges).</summary>
    public int DeliveryStatus { get; set; } = 200;

    public ConcurrentQueue<(string Body, string? Signature, string? Event)> Received { get; } = new();

    /// <summary>Every request's headers, in arrival order (challenges included).</summary>
    public ConcurrentQueue<System.Collections.Specialized.NameValueCollection> Headers { get; } = new();

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        Headers.Enqueue(new System.Collections.Specialized.NameValueCollection(context.Request.Headers));
        Received.Enqueue((body, context.Request.Headers["Parley-Signature"], context.Request.Headers["Parley-Event"]));
        using var json = JsonDocument.Parse(body);
        var answer = "";
        if (json.RootElement.TryGetProperty("challenge", out var challenge))
        {
            if (Silence is { } silence)
            {
                await Task.Delay(silence);
            }
            answer = EchoChallenge ? JsonSerializer.Serialize(new { challenge = challenge.GetString() }) : "{\"ok\":true}";
            context.Response.StatusCode = 200;
        }
        else
        {
            context.Response.StatusCode = DeliveryStatus;
        }
        try
        {
            var bytes = Encoding.UTF8.GetBytes(answer);
            // A fixed length, not chunked: HttpListener's chunked end of an empty body can reach a reused
            // keep-alive connection late and be read as the next response's status line ("0").
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or IOException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
