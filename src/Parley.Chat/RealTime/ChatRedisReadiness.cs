using Parley.Core.Http;

namespace Parley.Chat.RealTime;

/// <summary><c>/readyz</c> with a backplane: a node cut off from Redis would miss the other nodes' events.</summary>
internal sealed class ChatRedisReadiness(ChatRedis redis) : IReadinessProbe
{
    public async Task<string?> ProblemAsync(CancellationToken cancellationToken)
    {
        try
        {
            var connection = await redis.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return connection.IsConnected ? null : "chat: redis unreachable";
        }
        catch (Exception ex) when (ex is TimeoutException or StackExchange.Redis.RedisException)
        {
            return "chat: redis unreachable";
        }
    }
}
