using StackExchange.Redis;

namespace Parley.Chat.RealTime;

/// <summary>
/// This node's one connection to the backplane Redis (<c>Chat:Backplane:Redis</c>), shared by SignalR's
/// Redis backplane and <see cref="RedisRevocations"/> so readiness reports the connection events really use.
/// It does not abort when Redis is down at start: the node serves its own clients and reconnects.
/// </summary>
internal sealed class ChatRedis(string connectionString) : IAsyncDisposable
{
    /// <summary>Every Redis channel Parley uses starts with this, so a shared Redis can serve other software too.</summary>
    public static readonly RedisChannel Prefix = RedisChannel.Literal("parley");

    private readonly Lazy<Task<ConnectionMultiplexer>> _connection = new(() => ConnectCoreAsync(connectionString));

    /// <summary>This process among the nodes, so it can tell its own published messages from the others'.</summary>
    public string Node { get; } = Guid.NewGuid().ToString("N");

    public Task<ConnectionMultiplexer> ConnectAsync() => _connection.Value;

    public static ConfigurationOptions Options(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.ChannelPrefix = Prefix;
        options.AbortOnConnectFail = false;
        return options;
    }

    private static async Task<ConnectionMultiplexer> ConnectCoreAsync(string connectionString) =>
        await ConnectionMultiplexer.ConnectAsync(Options(connectionString));

    public async ValueTask DisposeAsync()
    {
        if (_connection.IsValueCreated && _connection.Value.IsCompletedSuccessfully)
        {
            await (await _connection.Value).DisposeAsync();
        }
    }
}
