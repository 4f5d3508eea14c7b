using System.Formats.Tar;
using System.IO.Compression;
using Microsoft.Data.Sqlite;
using Parley.IntegrationTests.Infrastructure;

namespace Parley.IntegrationTests;

public sealed class BackupRestoreTests
{
    private static readonly TimeSpan CliDeadline = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Backup_taken_while_a_writer_is_busy_restores_to_a_database_that_passes_integrity_check_and_holds_every_committed_row()
    {
        using var live = ParleyEnvironment.Sqlite();
        using var restored = live.Sibling();
        await using var server = await ParleyProcess.StartServerAsync(live);
        var archive = Path.Combine(live.WorkingDirectory, "backup.tar.gz");

        await using var writer = CommittedSequenceWriter.Start(Path.Combine(live.DataDirectory, "core.db"));
        await writer.WaitForAsync(200, TimeSpan.FromSeconds(60));
        var committedBeforeBackup = writer.Committed;
        var backup = await ParleyProcess.RunAsync(live, CliDeadline, "backup", archive);
        var committedAfterBackup = writer.Committed;
        var committedInAll = await writer.StopAsync();

        Assert.True(backup.ExitCode == 0, backup.Output);
        Assert.True(committedAfterBackup > committedBeforeBackup, "the writer never committed while the backup ran");
        var restore = await ParleyProcess.RunAsync(restored, CliDeadline, "restore", archive);
        Assert.True(restore.ExitCode == 0, restore.Output);

        var database = Path.Combine(restored.DataDirectory, "core.db");
        Assert.Equal("ok", Scalar(database, "PRAGMA integrity_check;"));
        var names = Column(database, $"SELECT name FROM instance_keys WHERE name LIKE '{CommittedSequenceWriter.Prefix}%' ORDER BY name;");
        var n = names.Count;
        Assert.InRange(n, committedBeforeBackup, committedInAll);
        Assert.Equal(Enumerable.Range(1, n).Select(i => CommittedSequenceWriter.NameOf(i)), names);
    }

    [Fact]
    public async Task Restore_refuses_while_a_server_runs_on_the_data_directory_and_changes_nothing()
    {
        using var live = ParleyEnvironment.Sqlite();
        await using var server = await ParleyProcess.StartServerAsync(live);
        var archive = Path.Combine(live.WorkingDirectory, "backup.tar.gz");
        var backup = await ParleyProcess.RunAsync(live, CliDeadline, "backup", archive);
        Assert.True(backup.ExitCode == 0, backup.Output);
        var before = await File.ReadAllBytesAsync(Path.Combine(live.DataDirectory, "core.db"));

        var restore = await ParleyProcess.RunAsync(live, CliDeadline, "restore", archive, "--force");

        Assert.Equal(2, restore.ExitCode);
        Assert.Contains("another Parley process is using the data directory", restore.Output, StringComparison.Ordinal);
        Assert.Single(restore.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(before, await File.ReadAllBytesAsync(Path.Combine(live.DataDirectory, "core.db")));
    }

    [Fact]
    public async Task Backup_on_postgresql_exits_2_with_the_pg_dump_command_for_each_module_schema()
    {
        var connection = PostgresServer.ConnectionString;
        var part = PostgresServer.Parts(connection);
        using var environment = ParleyEnvironment.Bare()
            .Set("Storage:Provider", "postgres")
            .Set("Storage:ConnectionString", connection);

        var run = await ParleyProcess.RunAsync(environment, CliDeadline, "backup", "parley.tar.gz");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"pg_dump -h {part["host"]} -p {part["port"]} -U {part["username"]} -d {part["database"]} -Fc -n core -n chat -n mail -n modmail -n triage -f {Path.Combine(environment.WorkingDirectory, "parley.dump")}", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled", run.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(environment.WorkingDirectory, "parley.tar.gz")));
    }

    [Fact]
    public async Task Restore_into_a_directory_that_has_databases_needs_force_and_then_drops_the_stale_wal()
    {
        using var source = ParleyEnvironment.Sqlite();
        using var target = source.Sibling();
        var archive = Path.Combine(source.WorkingDirectory, "backup.tar.gz");
        await CreateBackupAsync(source, archive);
        Assert.Equal(0, (await ParleyProcess.RunAsync(target, CliDeadline, "migrate")).ExitCode);
        var stale = Path.Combine(target.DataDirectory, "core.db-wal");
        await File.WriteAllTextAsync(stale, "left over from the old database");

        var refused = await ParleyProcess.RunAsync(target, CliDeadline, "restore", archive);
        var forced = await ParleyProcess.RunAsync(target, CliDeadline, "restore", archive, "--force");

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("pass --force to replace them", refused.Output, StringComparison.Ordinal);
        Assert.True(forced.ExitCode == 0, forced.Output);
        Assert.False(File.Exists(stale));
        Assert.Equal("ok", Scalar(Path.Combine(target.DataDirectory, "core.db"), "PRAGMA integrity_check;"));
    }

    [Fact]
    public async Task A_file_that_is_not_a_backup_is_refused_in_one_line()
    {
        using var environment = ParleyEnvironment.Sqlite();
        var file = Path.Combine(environment.WorkingDirectory, "notes.tar.gz");
        await File.WriteAllTextAsync(file, "this is not a backup");

        var run = await ParleyProcess.RunAsync(environment, CliDeadline, "restore", file);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"parley: {file} is not a usable Parley backup", line, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(environment.DataDirectory, "core.db")));
    }

    [Fact]
    public async Task A_backup_whose_database_is_damaged_is_refused_before_anything_is_replaced()
    {
        using var source = ParleyEnvironment.Sqlite();
        using var target = source.Sibling();
        var archive = Path.Combine(source.WorkingDirectory, "backup.tar.gz");
        await CreateBackupAsync(source, archive);
        var damaged = Path.Combine(source.WorkingDirectory, "damaged.tar.gz");
        await RewriteAsync(archive, damaged, "databases/core.db", bytes =>
        {
            // Scribble over a page in the middle: the header stays valid, the b-tree does not.
            Array.Fill(bytes, (byte)0x5A, 8192, 4096);
        });

        var run = await ParleyProcess.RunAsync(target, CliDeadline, "restore", damaged);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("fails its integrity check", run.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(target.DataDirectory, "core.db")));
    }

    [Fact]
    public async Task Blobs_travel_with_the_backup_unless_left_out()
    {
        using var source = ParleyEnvironment.Sqlite();
        using var target = source.Sibling();
        using var bare = source.Sibling();
        Assert.Equal(0, (await ParleyProcess.RunAsync(source, CliDeadline, "migrate")).ExitCode);
        var content = "an attachment"u8.ToArray();
        var key = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
        var blob = Path.Combine(source.DataDirectory, "blobs", key[..2], key[2..4], key);
        Directory.CreateDirectory(Path.GetDirectoryName(blob)!);
        await File.WriteAllBytesAsync(blob, content);
        var withBlobs = Path.Combine(source.WorkingDirectory, "with.tar.gz");
        var withoutBlobs = Path.Combine(source.WorkingDirectory, "without.tar.gz");

        Assert.Equal(0, (await ParleyProcess.RunAsync(source, CliDeadline, "backup", withBlobs)).ExitCode);
        Assert.Equal(0, (await ParleyProcess.RunAsync(source, CliDeadline, "backup", withoutBlobs, "--no-blobs")).ExitCode);
        Assert.Equal(0, (await ParleyProcess.RunAsync(target, CliDeadline, "restore", withBlobs)).ExitCode);
        Assert.Equal(0, (await ParleyProcess.RunAsync(bare, CliDeadline, "restore", withoutBlobs)).ExitCode);

        Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(target.DataDirectory, "blobs", key[..2], key[2..4], key)));
        Assert.False(File.Exists(Path.Combine(bare.DataDirectory, "blobs", key[..2], key[2..4], key)));
    }

    private static async Task CreateBackupAsync(ParleyEnvironment environment, string archive)
    {
        var migrate = await ParleyProcess.RunAsync(environment, CliDeadline, "migrate");
        Assert.True(migrate.ExitCode == 0, migrate.Output);
        var backup = await ParleyProcess.RunAsync(environment, CliDeadline, "backup", archive);
        Assert.True(backup.ExitCode == 0, backup.Output);
    }

    /// <summary>Copies a backup archive, changing the bytes of one entry on the way.</summary>
    private static async Task RewriteAsync(string from, string to, string entryName, Action<byte[]> change)
    {
        await using var input = new GZipStream(File.OpenRead(from), CompressionMode.Decompress);
        await using var reader = new TarReader(input);
        await using var output = new GZipStream(File.Create(to), CompressionLevel.Fastest);
        await using var writer = new TarWriter(output, TarEntryFormat.Pax);
        while (await reader.GetNextEntryAsync(copyData: true) is { } entry)
        {
            if (entry.Name == entryName && entry.DataStream is not null)
            {
                var bytes = new MemoryStream();
                await entry.DataStream.CopyToAsync(bytes);
                var data = bytes.ToArray();
                change(data);
                entry.DataStream = new MemoryStream(data);
            }
            await writer.WriteEntryAsync(entry);
        }
    }

    private static string? Scalar(string database, string sql)
    {
        using var connection = Open(database);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar()?.ToString();
    }

    private static List<string> Column(string database, string sql)
    {
        using var connection = Open(database);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }
        return values;
    }

    private static SqliteConnection Open(string database)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
