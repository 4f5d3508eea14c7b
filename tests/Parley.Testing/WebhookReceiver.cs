using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Parley.Core.Webhooks;

namespace Parley.Tests.Infrastructure;

/// <summary>
/// One request the receiver got: its number (1-based, in arrival order), path, body, Parley's headers, every header
/// (case-insensitive names; repeated values joined with ", ") and whether its signature checked out with
/// <see cref="WebhookReceiver.Secret"/> (false when no secret is set).
/// </summary>
public sealed record ReceivedWebhook(
    int Number,
    string Path,
    string Body,
    string? Event,
    string? DeliveryId,
    string? Signature,
    string? ContentType,
    bool SignatureVerified,
    IReadOnlyDictionary<string, string> Headers);

/// <summary>
/// A real HTTP endpoint on loopback that receives webhooks (Kestrel on a free port): a POST to any path under
/// <see cref="BaseUrl"/> is recorded and answered. Mail's verification challenge (<c>{"challenge":"…"}</c>) is echoed
/// with 200 unless <see cref="EchoChallenge"/> is off, after <see cref="Silence"/> when set; a delivery gets the status
/// of the script given to <see cref="StartAsync"/> for its request number, else <see cref="DeliveryStatus"/>. With
/// <see cref="Secret"/> set, every signature is checked the way a receiver should: a bad one gets 401, whatever
/// the script says. One receiver for every test project.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Func<int, int>? _statusForRequest;
    private readonly Lock _gate = new();
    private int _count;

    private WebhookReceiver(WebApplication app, Func<int, int>? statusForRequest)
    {
        _app = app;
        _statusForRequest = statusForRequest;
    }

    /// <summary>The base address (<c>http://127.0.0.1:PORT/</c>): every path under it is accepted.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The usual endpoint (<c>http://127.0.0.1:PORT/hook</c>).</summary>
    public Uri Url => new(BaseUrl, "/hook");

    /// <summary>What the endpoint answers a challenge: echo it (default), answer something else, or stay silent this long.</summary>
    public bool EchoChallenge { get; set; } = true;
    public TimeSpan? Silence { get; set; }

    /// <summary>Status code for deliveries (not challenges) when no script was given.</summary>
    public int DeliveryStatus { get; set; } = 200;

    /// <summary>When set, every request's signature is checked with it and a bad one is answered 401.</summary>
    public string? Secret { get; set; }

    /// <summary>Awaited before answering request n (1-based), when set: lets a test look at the state in between.</summary>
    public Func<int, Task>? BeforeAnswering { get; set; }

    /// <summary>Every request, challenges included, in the order of their numbers.</summary>
    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    /// <param name="statusForRequest">The status to answer the n-th request (1-based) with, when not a challenge; none: <see cref="DeliveryStatus"/>.</param>
    public static async Task<WebhookReceiver> StartAsync(Func<int, int>? statusForRequest = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var receiver = new WebhookReceiver(builder.Build(), statusForRequest);
        receiver._app.MapPost("/{**path}", receiver.AnswerAsync);
        await receiver._app.StartAsync();
        var address = receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.BaseUrl = new Uri(address);
        return receiver;
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var request = context.Request;
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var signature = Header(request, WebhookSigner.SignatureHeader);
        var verified = Secret is { } secret && WebhookSigner.Verify(secret, signature, body, TimeSpan.FromMinutes(5));
        int n;
        lock (_gate)
        {
            n = ++_count;
            Received.Enqueue(new ReceivedWebhook(
                n,
                request.Path.Value ?? "/",
                body,
                Header(request, WebhookSigner.EventHeader),
                Header(request, WebhookSigner.DeliveryHeader),
                signature,
                request.ContentType,
                verified,
                request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
        }
        if (BeforeAnswering is { } wait)
        {
            await wait(n);
        }

        var answer = "";
        if (Secret is not null && !verified)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        }
        else if (Challenge(body) is { } challenge)
        {
            if (Silence is { } silence)
            {
                // Until the caller gives up (or the receiver stops): its timeout is what a silent endpoint tests.
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _app.Lifetime.ApplicationStopping);
                try
                {
                    await Task.Delay(silence, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            answer = EchoChallenge ? JsonSerializer.Serialize(new { challenge }) : "{\"ok\":true}";
            context.Response.StatusCode = StatusCodes.Status200OK;
        }
        else
        {
            context.Response.StatusCode = _statusForRequest is { } script ? script(n) : DeliveryStatus;
        }

        // A fixed length, not chunked: a chunked end of an empty body can reach a reused keep-alive connection
        // late and be read as the next response's status line ("0").
        var bytes = Encoding.UTF8.GetBytes(answer);
        context.Response.ContentLength = bytes.Length;
        if (bytes.Length > 0)
        {
            context.Response.ContentType = "application/json";
        }
        try
        {
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
        }
    }

    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var value) ? value.ToString() : null;

    /// <summary>The challenge of Mail's verification request, or null for anything else (a delivery, or not JSON at all).</summary>
    private static string? Challenge(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("challenge", out var challenge)
                && challenge.ValueKind == JsonValueKind.String
                ? challenge.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
