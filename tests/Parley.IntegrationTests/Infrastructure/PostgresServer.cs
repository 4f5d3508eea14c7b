namespace Parley.IntegrationTests.Infrastructure;

/// <summary>The PostgreSQL server <c>scripts/test.sh</c> starts, named by <c>PARLEY_TEST_POSTGRES</c>.</summary>
public static class PostgresServer
{
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("PARLEY_TEST_POSTGRES")
        ?? throw new InvalidOperationException("PARLEY_TEST_POSTGRES is not set: run the tests through ./scripts/test.sh, which starts PostgreSQL.");

    /// <summary>The connection string's parts by lower-case key (<c>host</c>, <c>port</c>, ...).</summary>
    public static IReadOnlyDictionary<string, string> Parts(string connectionString) =>
        connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0].ToLowerInvariant(), pair => pair[1], StringComparer.Ordinal);
}
