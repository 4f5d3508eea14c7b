using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Parley.ChatLoad;

// The chat load driver: N SignalR clients in one channel of a running server, S of them sending M
// messages in all over the hub, each as soon as the previous one is acknowledged (or at --rate).
// Every client records send-to-receive latency from the timestamp in the message body.
LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    Console.Error.WriteLine("parley-chat-load: " + ex.Message);
    Console.Error.WriteLine(LoadOptions.Usage);
    return 2;
}

using var http = new HttpClient { BaseAddress = options.Url, Timeout = TimeSpan.FromMinutes(2) };
var setupClock = Stopwatch.StartNew();
var (users, channel) = await new ChatSetup(http).ArrangeAsync(options);
Console.WriteLine($"arranged {users.Count} users in channel {channel} in {setupClock.Elapsed.TotalSeconds:0.0} s");

const string Prefix = "load ";
var recorder = new LatencyRecorder((long)options.Clients * options.Messages);
var hubUrl = new Uri(options.Url, "/hubs/chat");
var connections = new HubConnection[users.Count];
var connectClock = Stopwatch.StartNew();
await Parallel.ForEachAsync(Enumerable.Range(0, users.Count), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, cancellationToken) =>
{
    var builder = new HubConnectionBuilder().WithUrl(hubUrl, o =>
    {
        o.AccessTokenProvider = () => Task.FromResult<string?>(users[i].Token);
        o.SkipNegotiation = true;
        o.Transports = HttpTransportType.WebSockets;
    });
    if (options.MessagePack)
    {
        builder.AddMessagePackProtocol();
    }
    else
    {
        builder.AddJsonProtocol(o => o.PayloadSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
    }
    var connection = builder.Build();
    connection.On<ReceivedMessage>("message.created", message =>
    {
        if (message.Plaintext is { } text && text.StartsWith(Prefix, StringComparison.Ordinal)
            && long.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var sent))
        {
            recorder.Received(sent);
        }
    });
    await connection.StartAsync(cancellationToken);
    await connection.InvokeAsync("Subscribe", channel, cancellationToken);
    connections[i] = connection;
});
Console.WriteLine($"connected and subscribed {connections.Length} clients ({(options.MessagePack ? "messagepack" : "json")}) in {connectClock.Elapsed.TotalSeconds:0.0} s");

// Each sender takes its share of M; with --rate, message k of the whole run is due at k/rate seconds.
var start = Stopwatch.GetTimestamp();
var senders = Enumerable.Range(0, options.Senders).Select(async s =>
{
    for (var k = s; k < options.Messages; k += options.Senders)
    {
        if (options.Rate > 0)
        {
            var due = TimeSpan.FromSeconds(k / options.Rate) - Stopwatch.GetElapsedTime(start);
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due);
            }
        }
        var body = new LoadMessage { Plaintext = Prefix + Stopwatch.GetTimestamp().ToString(CultureInfo.InvariantCulture) };
        await connections[s].InvokeAsync<ReceivedMessage>("SendMessage", channel, body);
    }
});
await Task.WhenAll(senders);
var sendSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
var complete = await Task.WhenAny(recorder.AllReceived, Task.Delay(options.DeliveryDeadline)) == recorder.AllReceived;
var deliverSeconds = Stopwatch.GetElapsedTime(start, Math.Max(recorder.LastReceived, start)).TotalSeconds;

var (p50, p99, max) = recorder.Percentiles();
var expected = (long)options.Clients * options.Messages;
var sentRate = options.Messages / sendSeconds;
var deliveredRate = recorder.Count / deliverSeconds;
var rss = options.ServerPid is { } pid ? ServerMemory.Read(pid) : null;
Console.WriteLine($"sent {options.Messages} messages in {sendSeconds:0.00} s ({sentRate:0} msg/s) by {options.Senders} senders");
Console.WriteLine($"delivered {recorder.Count} of {expected} in {deliverSeconds:0.00} s ({deliveredRate:0} deliveries/s){(complete ? "" : " — INCOMPLETE")}");
Console.WriteLine($"latency send→receive: p50 {p50:0.0} ms, p99 {p99:0.0} ms, max {max:0.0} ms");
if (rss is not null)
{
    Console.WriteLine($"server memory: {rss}");
}
// One line for bench/chat-load.sh to tabulate.
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"RESULT clients={options.Clients} messages={options.Messages} senders={options.Senders} sent_per_s={sentRate:0} delivered_per_s={deliveredRate:0} delivered={recorder.Count}/{expected} p50_ms={p50:0.0} p99_ms={p99:0.0} max_ms={max:0.0} rss={rss?.Replace(' ', '_') ?? "-"}"));

await Parallel.ForEachAsync(connections, async (connection, _) => await connection.DisposeAsync());
return complete ? 0 : 1;
