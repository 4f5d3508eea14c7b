using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Parley.IntegrationTests.Infrastructure;

namespace Parley.IntegrationTests;

/// <summary>
/// 250 means stored: a real <c>parley</c> process is killed with SIGKILL while clients send 400 messages;
/// after a restart on the same data directory every message that got 250 has its row and its raw blob,
/// and sending the rest again ends with each of the 400 stored exactly once. (400 over 8 sessions keeps
/// several messages in flight at the kill while the test stays under a minute on a 2-core machine.)
/// </summary>
public sealed partial class SmtpCrashTests
{
    private const int Messages = 400;
    private const int Connections = 8;
    private const int KillAfter = 150;

    [GeneratedRegex(@"SMTP listening on 127\.0\.0\.1:(\d+)")]
    private static partial Regex SmtpBanner();

    [Fact]
    public async Task Every_message_that_got_250_survives_a_SIGKILL()
    {
        using var environment = ParleyEnvironment.Sqlite();
        var server = await ParleyProcess.StartServerAsync(environment);
        var mailDb = Path.Combine(environment.DataDirectory, "mail.db");
        await AddInboxAsync(mailDb, "crash.test", "box");

        var acked = new ConcurrentDictionary<string, bool>();
        var ids = Enumerable.Range(0, Messages).Select(i => $"crash-{i}@client.test").ToList();
        var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var port = await SmtpPortAsync(server);
        var sending = SendAllAsync(port, ids, acked, onAck: () =>
        {
            if (acked.Count >= KillAfter)
            {
                killed.TrySetResult();
            }
        });
        await killed.Task.WaitAsync(TimeSpan.FromMinutes(2));
        await server.DisposeAsync(); // Process.Kill: SIGKILL, no shutdown code runs.
        await sending;
        var ackedBeforeKill = acked.Keys.ToList();
        Assert.InRange(ackedBeforeKill.Count, KillAfter, Messages - 1);

        await using var restarted = await ParleyProcess.StartServerAsync(environment);
        var stored = await StoredAsync(mailDb);
        foreach (var id in ackedBeforeKill)
        {
            Assert.True(stored.TryGetValue(id, out var key), $"{id} got 250 but is not stored");
            Assert.True(File.Exists(Path.Combine(environment.DataDirectory, "blobs", key[..2], key[2..4], key)), $"{id}'s raw blob is missing");
        }

        // The client sends again whatever it has no 250 for (some of it was stored before the kill): each once.
        await SendAllAsync(await SmtpPortAsync(restarted), ids.Where(id => !acked.ContainsKey(id)).ToList(), acked, onAck: () => { });
        Assert.Equal(Messages, acked.Count);
        var all = await StoredAsync(mailDb);
        Assert.Equal(ids.Order(), all.Keys.Order());
    }

    private static async Task<int> SmtpPortAsync(ParleyProcess server)
    {
        var banner = await server.WaitForOutputAsync(SmtpBanner(), TimeSpan.FromSeconds(30));
        return int.Parse(banner.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>The domain and inbox, straight into <c>mail.db</c> (the first start ran the migrations).</summary>
    private static async Task AddInboxAsync(string mailDb, string domain, string localPart)
    {
        await using var connection = new SqliteConnection($"Data Source={mailDb}");
        await connection.OpenAsync();
        var domainId = Guid.NewGuid().ToString().ToUpperInvariant();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO domains (id, name, dkim_tokens, mx_verified, spf_verified, dkim_verified, dmarc_verified, dkim_selector, created_at, updated_at)
            VALUES ($domain, $name, '[]', 0, 0, 0, 0, 'parley', '2026-01-01 00:00:00', '2026-01-01 00:00:00');
            INSERT INTO inboxes (id, domain_id, name, local_part, is_catchall, created_at, updated_at)
            VALUES ($inbox, $domain, 'Box', $local, 0, '2026-01-01 00:00:00', '2026-01-01 00:00:00');
            """;
        command.Parameters.AddWithValue("$domain", domainId);
        command.Parameters.AddWithValue("$inbox", Guid.NewGuid().ToString().ToUpperInvariant());
        command.Parameters.AddWithValue("$name", domain);
        command.Parameters.AddWithValue("$local", localPart);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<Dictionary<string, string>> StoredAsync(string mailDb)
    {
        await using var connection = new SqliteConnection($"Data Source={mailDb};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT message_id, raw_storage_key FROM messages";
        var stored = new Dictionary<string, string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            stored.Add(reader.GetString(0), reader.GetString(1));
        }
        return stored;
    }

    /// <summary>Sends <paramref name="ids"/> over <see cref="Connections"/> sessions; a session that loses its server stops quietly.</summary>
    private static async Task SendAllAsync(int port, IReadOnlyList<string> ids, ConcurrentDictionary<string, bool> acked, Action onAck)
    {
        var queue = new ConcurrentQueue<string>(ids);
        await Task.WhenAll(Enumerable.Range(0, Connections).Select(async _ =>
        {
            try
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync("127.0.0.1", port);
                using var stream = tcp.GetStream();
                using var reader = new StreamReader(stream, Encoding.ASCII);
                await ExpectAsync(reader, "220");
                await SendAsync(stream, "EHLO client.test\r\n");
                await ExpectAsync(reader, "250");
                while (queue.TryDequeue(out var id))
                {
                    await SendAsync(stream, "MAIL FROM:<sender@client.test>\r\nRCPT TO:<box@crash.test>\r\nDATA\r\n");
                    await ExpectAsync(reader, "250");
                    await ExpectAsync(reader, "250");
                    await ExpectAsync(reader, "354");
                    await SendAsync(stream, $"Message-ID: <{id}>\r\nFrom: sender@client.test\r\nTo: box@crash.test\r\nSubject: {id}\r\n\r\n{new string('x', 2000)}\r\n.\r\n");
                    await ExpectAsync(reader, "250");
                    acked[id] = true;
                    onAck();
                }
                await SendAsync(stream, "QUIT\r\n");
            }
            catch (Exception ex) when (ex is IOException or SocketException or EndOfStreamException)
            {
                // The server was killed under this session.
            }
        }));
    }

    private static async Task SendAsync(NetworkStream stream, string text)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes(text));
        await stream.FlushAsync();
    }

    private static async Task ExpectAsync(StreamReader reader, string code)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        string? line;
        do
        {
            line = await reader.ReadLineAsync(timeout.Token) ?? throw new EndOfStreamException("the server closed the connection");
        }
        while (line.Length > 3 && line[3] == '-');
        if (!line.StartsWith(code, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"expected {code}, got: {line}");
        }
    }
}
