using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Parley.Core.Webhooks;

namespace Parley.Triage.Tests.Webhooks;

/// <summary>A real HTTP receiver on loopback (Kestrel on a free port) that answers 200 and keeps what it got.</summary>
internal sealed class HookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HookReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<(string Path, string Event, string? Signature, string Body)> Received { get; } = new();

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<HookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var receiver = new HookReceiver(builder.Build());
        receiver._app.MapPost("/{name}", async (HttpRequest request, string name) =>
        {
            using var reader = new StreamReader(request.Body);
            receiver.Received.Enqueue(("/" + name, request.Headers[WebhookSigner.EventHeader].ToString(),
                request.Headers[WebhookSigner.SignatureHeader].ToString(), await reader.ReadToEndAsync()));
            return Results.Ok();
        });
        await receiver._app.StartAsync();
        receiver.BaseUrl = new Uri(receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
