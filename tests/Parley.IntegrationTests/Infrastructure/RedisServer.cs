namespace Parley.IntegrationTests.Infrastructure;

/// <summary>The Redis server <c>scripts/test.sh</c> starts (<c>scripts/redis.sh</c>), named by <c>PARLEY_TEST_REDIS</c> as host:port.</summary>
public static class RedisServer
{
    /// <summary>
    /// Fails (never skips) when unset: the two-node test is what shows the backplane works, and a
    /// silently skipped one would show nothing.
    /// </summary>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("PARLEY_TEST_REDIS") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                "PARLEY_TEST_REDIS is not set: run the tests through ./scripts/test.sh, which starts Redis " +
                "(or start one with scripts/redis.sh start DIR PORT and export PARLEY_TEST_REDIS=127.0.0.1:PORT).");
}
