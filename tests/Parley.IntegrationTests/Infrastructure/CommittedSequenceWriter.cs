using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Parley.IntegrationTests.Infrastructure;

/// <summary>
/// A second writer on a running server's database: inserts rows <c>it-000001</c>, <c>it-000002</c>, …
/// into <c>instance_keys</c>, one transaction each, as fast as it can, and counts only what committed.
/// </summary>
public sealed class CommittedSequenceWriter : IAsyncDisposable
{
    public const string Prefix = "it-";

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _committed;

    private CommittedSequenceWriter(string databasePath, int limit) => _loop = Task.Run(() => Loop(databasePath, limit));

    /// <summary>How many rows have committed so far (1..this are in the database).</summary>
    public long Committed => Interlocked.Read(ref _committed);

    public static CommittedSequenceWriter Start(string databasePath, int limit = 200_000) => new(databasePath, limit);

    public static string NameOf(long sequence) => Prefix + sequence.ToString("D6", CultureInfo.InvariantCulture);

    public async Task WaitForAsync(long count, TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        while (Committed < count)
        {
            if (_loop.IsCompleted)
            {
                await _loop;
                throw new InvalidOperationException($"the writer stopped after {Committed} rows");
            }
            await Task.Delay(10, timeout.Token);
        }
    }

    /// <summary>Stops writing and returns how many rows committed in all.</summary>
    public async Task<long> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        return Committed;
    }

    private void Loop(string databasePath, int limit)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA busy_timeout = 10000;";
            pragma.ExecuteNonQuery();
        }
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO instance_keys (name, value, created_at) VALUES ($name, zeroblob(64), '2026-01-01 00:00:00');";
        var name = insert.Parameters.Add("$name", SqliteType.Text);
        for (long next = Committed + 1; next <= limit && !_stop.IsCancellationRequested; next++)
        {
            name.Value = NameOf(next);
            // Autocommit: once ExecuteNonQuery returns, the row is durable in the WAL.
            insert.ExecuteNonQuery();
            Interlocked.Exchange(ref _committed, next);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }
}
