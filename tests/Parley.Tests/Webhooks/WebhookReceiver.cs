using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Parley.Core.Webhooks;

namespace Parley.Tests.Webhooks;

/// <summary>
/// A real HTTP receiver on loopback (Kestrel on a free port): answers each POST to <c>/hook</c>
/// with the next status of its script, and checks every signature with <see cref="Secret"/> the
/// way a receiver should (a bad one gets 401, whatever the script says).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Func<int, int> _statusForRequest;
    private int _count;

    private WebhookReceiver(WebApplication app, Func<int, int> statusForRequest)
    {
        _app = app;
        _statusForRequest = statusForRequest;
    }

    /// <summary>Set once the endpoint is created and its secret known.</summary>
    public string? Secret { get; set; }

    /// <summary>Awaited before answering request n (1-based), when set: lets a test look at the state in between.</summary>
    public Func<int, Task>? BeforeAnswering { get; set; }

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    public Uri Url { get; private set; } = null!;

    /// <param name="statusForRequest">The status to answer the n-th request (1-based) with.</param>
    public static async Task<WebhookReceiver> StartAsync(Func<int, int> statusForRequest)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var receiver = new WebhookReceiver(builder.Build(), statusForRequest);
        receiver._app.MapPost("/hook", receiver.HandleAsync);
        await receiver._app.StartAsync();
        var address = receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.Url = new Uri(new Uri(address), "/hook");
        return receiver;
    }

    private async Task<IResult> HandleAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        var n = Interlocked.Increment(ref _count);
        var verified = Secret is not null
            && WebhookSigner.Verify(Secret, request.Headers[WebhookSigner.SignatureHeader], body, TimeSpan.FromMinutes(5));
        Received.Enqueue(new ReceivedWebhook(
            n,
            body,
            request.Headers[WebhookSigner.EventHeader].ToString(),
            request.Headers[WebhookSigner.DeliveryHeader].ToString(),
            request.ContentType,
            verified));
        if (BeforeAnswering is { } wait)
        {
            await wait(n);
        }
        return Results.StatusCode(verified ? _statusForRequest(n) : StatusCodes.Status401Unauthorized);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record ReceivedWebhook(int Number, string Body, string EventType, string DeliveryId, string? ContentType, bool SignatureVerified);
