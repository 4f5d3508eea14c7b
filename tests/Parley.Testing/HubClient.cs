using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Parley.Tests.Infrastructure;

/// <summary>The wire format a test client speaks to a hub.</summary>
public enum HubProtocol
{
    Json,
    MessagePack,
}

/// <summary>
/// A real SignalR client (WebSockets) on a hub, recording every event it receives so a test can wait
/// for the next one of a name with a deadline. Payloads come back as JSON with snake_case names
/// whichever protocol carried them, so one assertion serves both.
/// </summary>
public sealed class HubClient : IAsyncDisposable
{
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, Channel<JsonElement>> _events = new(StringComparer.Ordinal);

    private HubClient(HubConnection connection) => Connection = connection;

    public HubConnection Connection { get; }

    /// <summary>Connects to <paramref name="hubUrl"/> of an in-memory <see cref="TestApp"/> with an access token.</summary>
    public static Task<HubClient> ConnectAsync(TestApp app, string accessToken, HubProtocol protocol = HubProtocol.Json, string path = "/hubs/chat", params string[] events)
    {
        var server = app.Server;
        var url = new Uri(server.BaseAddress, path);
        return ConnectAsync(url, accessToken, protocol, options =>
        {
            options.HttpMessageHandlerFactory = _ => server.CreateHandler();
            options.SkipNegotiation = true;
            options.Transports = HttpTransportType.WebSockets;
            options.WebSocketFactory = async (context, cancellationToken) =>
            {
                var client = server.CreateWebSocketClient();
                client.ConfigureRequest = request => request.Headers.Authorization = "Bearer " + accessToken;
                return await client.ConnectAsync(context.Uri, cancellationToken);
            };
        }, events);
    }

    /// <summary>Connects to a hub on a real server (another process), as any client would.</summary>
    public static Task<HubClient> ConnectAsync(Uri hubUrl, string accessToken, HubProtocol protocol = HubProtocol.Json, Action<Microsoft.AspNetCore.Http.Connections.Client.HttpConnectionOptions>? configure = null, params string[] events)
    {
        var builder = new HubConnectionBuilder().WithUrl(hubUrl, options =>
        {
            options.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
            configure?.Invoke(options);
        });
        if (protocol == HubProtocol.MessagePack)
        {
            builder.AddMessagePackProtocol();
        }
        else
        {
            builder.AddJsonProtocol(options => options.PayloadSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        }
        return StartAsync(builder.Build(), events);
    }

    private static async Task<HubClient> StartAsync(HubConnection connection, string[] events)
    {
        var client = new HubClient(connection);
        foreach (var name in events)
        {
            client.Record(name);
        }
        await connection.StartAsync();
        await InGroupsAsync(connection);
        return client;
    }

    /// <summary>
    /// SignalR answers the handshake — and StartAsync returns — before the hub's OnConnectedAsync has run, and that is
    /// where a hub puts the connection in its groups (the user's, the feed's): an event sent at once could miss this
    /// client. The server dispatches invocations only after OnConnectedAsync has finished, so the answer to any
    /// invocation, here the refusal of a method no hub has, means the connection is in its groups.
    /// </summary>
    private static async Task InGroupsAsync(HubConnection connection)
    {
        try
        {
            await connection.InvokeAsync("ParleyTestBarrier");
        }
        catch (HubException)
        {
            // "does not exist": the expected answer.
        }
        catch (Exception) when (connection.State != HubConnectionState.Connected)
        {
            // The hub closed the connection in OnConnectedAsync (no user behind the token): the test's to observe.
        }
    }

    /// <summary>Starts recording events of <paramref name="name"/> (before they can arrive, so none is missed).</summary>
    public HubClient Record(string name)
    {
        var queue = _events.GetOrAdd(name, _ => Channel.CreateUnbounded<JsonElement>());
        Connection.On(name, [typeof(object)], args =>
        {
            queue.Writer.TryWrite(Normalize(args[0]));
            return Task.CompletedTask;
        });
        return this;
    }

    /// <summary>The next <paramref name="name"/> event not yet taken; fails the test after the deadline.</summary>
    public async Task<JsonElement> NextAsync(string name, TimeSpan? timeout = null)
    {
        if (!_events.TryGetValue(name, out var queue))
        {
            throw new InvalidOperationException($"Record(\"{name}\") before waiting for it.");
        }
        using var deadline = new CancellationTokenSource(timeout ?? DefaultWait);
        try
        {
            return await queue.Reader.ReadAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"No '{name}' event within {(timeout ?? DefaultWait).TotalSeconds:0.#} s.");
            throw;
        }
    }

    /// <summary>True when a <paramref name="name"/> event is waiting now (for asserting one did not arrive, after a later event did).</summary>
    public bool HasPending(string name) => _events.TryGetValue(name, out var queue) && queue.Reader.TryPeek(out _);

    public Task InvokeAsync(string method, params object?[] args) => Connection.InvokeCoreAsync(method, args);

    public async Task<JsonElement> InvokeJsonAsync(string method, params object?[] args) =>
        Normalize(await Connection.InvokeCoreAsync(method, typeof(object), args));

    /// <summary>Asserts the hub refuses the call with <paramref name="code"/>.</summary>
    public async Task RefusedAsync(string code, string method, params object?[] args)
    {
        var error = await Assert.ThrowsAsync<HubException>(() => Connection.InvokeCoreAsync(method, typeof(object), args));
        Assert.Contains(code + ":", error.Message, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();

    // JSON arrives as JsonElement already; MessagePack as dictionaries with the server's property names.
    private static JsonElement Normalize(object? value) => value switch
    {
        JsonElement element => element.Clone(),
        _ => JsonSerializer.SerializeToElement(SnakeCase(value)),
    };

    private static object? SnakeCase(object? value) => value switch
    {
        IDictionary<object, object?> map => map.ToDictionary(
            pair => JsonNamingPolicy.SnakeCaseLower.ConvertName(pair.Key.ToString()!), pair => SnakeCase(pair.Value)),
        object?[] list => list.Select(SnakeCase).ToArray(),
        _ => value,
    };
}
