using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Parley.Core.Tests.Blobs;

/// <summary>
/// Debian ships no S3-compatible server (no MinIO, moto or s3proxy), so the S3 store is tested
/// against this: a loopback HTTP listener that records every request and answers the four
/// object calls the store makes (PUT, GET, HEAD, DELETE on path-style <c>/bucket/key</c>) the way S3 does.
/// </summary>
internal sealed class RecordingS3Server : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, byte[]> _objects = new(StringComparer.Ordinal);

    private RecordingS3Server(WebApplication app) => _app = app;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();
    public string Url { get; private set; } = "";

    public IReadOnlyDictionary<string, byte[]> Objects => _objects;

    public static async Task<RecordingS3Server> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new RecordingS3Server(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var path = Uri.UnescapeDataString(request.Path.Value ?? "");
        Requests.Enqueue(new RecordedRequest(request.Method, path, headers, body.ToArray()));

        var response = context.Response;
        switch (request.Method)
        {
            case "PUT":
                _objects[path] = body.ToArray();
                response.Headers.ETag = "\"etag\"";
                response.StatusCode = 200;
                return;
            case "GET" when _objects.TryGetValue(path, out var content):
                response.ContentType = "application/octet-stream";
                response.ContentLength = content.Length;
                await response.Body.WriteAsync(content);
                return;
            case "HEAD" when _objects.TryGetValue(path, out var content):
                response.ContentLength = content.Length;
                response.Headers.ETag = "\"etag\"";
                return;
            case "DELETE":
                _objects.TryRemove(path, out _);
                response.StatusCode = 204;
                return;
            default:
                response.StatusCode = 404;
                if (request.Method != "HEAD")
                {
                    response.ContentType = "application/xml";
                    await response.WriteAsync("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>");
                }
                return;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

internal sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body);
