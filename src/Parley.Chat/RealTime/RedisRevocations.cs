using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Parley.Chat.RealTime;

/// <summary>
/// Channel revocations across nodes: SignalR groups live per node, and only the node holding a
/// connection knows which channels it subscribed to, so a leave or kick handled on one node is
/// published on Redis (<see cref="RedisRevocations"/>) and every other node drops its own connections
/// from the channel's group (<see cref="RedisRevocationListener"/>). The message is "node user channel", ids only.
/// </summary>
internal sealed class RedisRevocations(ChatRedis redis) : IRevocationFanOut
{
    // Under ChatRedis.Prefix like SignalR's own channels.
    internal static readonly RedisChannel Channel = RedisChannel.Literal("chat:revocations");

    public async Task PublishAsync(Guid userId, Guid channelId, CancellationToken cancellationToken)
    {
        var connection = await redis.ConnectAsync();
        await connection.GetSubscriber().PublishAsync(Channel, $"{redis.Node} {userId:N} {channelId:N}");
    }
}

/// <summary>Subscribes on start and applies the other nodes' revocations to this node's connections.</summary>
internal sealed partial class RedisRevocationListener(ChatRedis redis, ChatConnections connections, ILogger<RedisRevocationListener> logger) : IHostedService
{
    private ChannelMessageQueue? _queue;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var connection = await redis.ConnectAsync();
        // A queue, not a handler: revocations are applied one at a time in the order they were published.
        _queue = await connection.GetSubscriber().SubscribeAsync(RedisRevocations.Channel);
        _queue.OnMessage(ApplyAsync);
    }

    private async Task ApplyAsync(ChannelMessage message)
    {
        var parts = ((string?)message.Message)?.Split(' ');
        if (parts is not [var node, var user, var channel] || !Guid.TryParse(user, out var userId) || !Guid.TryParse(channel, out var channelId))
        {
            LogMalformed(logger);
            return;
        }
        if (node == redis.Node)
        {
            return; // this node applied it before publishing
        }
        try
        {
            await connections.RevokeLocalAsync(userId, channelId, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogFailed(logger, ex, channelId);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_queue is not null)
        {
            await _queue.UnsubscribeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored a malformed channel revocation from Redis.")]
    private static partial void LogMalformed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not revoke local subscriptions to channel {ChannelId}.")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid channelId);
}
