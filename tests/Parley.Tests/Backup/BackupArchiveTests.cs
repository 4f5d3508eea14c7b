using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Parley.Backup;

namespace Parley.Tests.Backup;

public sealed class BackupArchiveTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("parley-archive-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static BackupManifest Manifest(params string[] modules) => new()
    {
        CreatedAt = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero),
        ParleyVersion = "test",
        Provider = "sqlite",
        Modules = modules.Select(m => new ModuleBackup(m, BackupArchive.DatabaseEntry(m), 4, ["0001_Initial"], new Dictionary<string, long> { ["users"] = 1 })).ToList(),
        Blobs = new BlobsBackup(false, 0, 0),
    };

    private string Archive(params (string Name, byte[] Content, TarEntryType Type)[] entries)
    {
        var path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".tar.gz");
        using var output = new GZipStream(File.Create(path), CompressionLevel.Fastest);
        using var tar = new TarWriter(output, TarEntryFormat.Pax);
        foreach (var (name, content, type) in entries)
        {
            var entry = new PaxTarEntry(type, name);
            if (type == TarEntryType.SymbolicLink)
            {
                entry.LinkName = "/etc/passwd";
            }
            else
            {
                entry.DataStream = new MemoryStream(content);
            }
            tar.WriteEntry(entry);
        }
        return path;
    }

    private static (string, byte[], TarEntryType) File_(string name, string content = "x") => (name, Encoding.UTF8.GetBytes(content), TarEntryType.RegularFile);

    private static (string, byte[], TarEntryType) ManifestEntry(BackupManifest manifest) =>
        (BackupArchive.ManifestEntry, JsonSerializer.SerializeToUtf8Bytes(manifest, BackupManifest.Json), TarEntryType.RegularFile);

    [Fact]
    public async Task What_is_written_unpacks_with_the_same_manifest_and_files()
    {
        var database = Path.Combine(_dir, "core.db");
        await File.WriteAllTextAsync(database, "db");
        var file = Path.Combine(_dir, "backup.tar.gz");
        var manifest = Manifest("core");

        await BackupArchive.WriteAsync(file, [("core", database)], [], (_, _) => manifest, null, CancellationToken.None);
        var target = Directory.CreateDirectory(Path.Combine(_dir, "out")).FullName;
        var read = await BackupArchive.ExtractAsync(file, target, null, CancellationToken.None);

        Assert.Equal(JsonSerializer.Serialize(manifest, BackupManifest.Json), JsonSerializer.Serialize(read, BackupManifest.Json));
        Assert.Equal("db", await File.ReadAllTextAsync(Path.Combine(target, "databases", "core.db")));
        Assert.False(File.Exists(file + ".partial"));
    }

    [Theory]
    [InlineData("../escaped.txt")]
    [InlineData("databases/../../escaped.db")]
    [InlineData("/tmp/escaped.db")]
    [InlineData("blobs/aa/bb/e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("notes.txt")]
    public async Task An_entry_outside_the_backup_layout_is_refused(string name)
    {
        var file = Archive(File_(name), ManifestEntry(Manifest()));
        var target = Directory.CreateDirectory(Path.Combine(_dir, "out")).FullName;

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => BackupArchive.ExtractAsync(file, target, null, CancellationToken.None));

        Assert.Contains("unexpected entry", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "escaped.txt")));
        Assert.Empty(Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_symbolic_link_is_refused()
    {
        var file = Archive(("databases/core.db", [], TarEntryType.SymbolicLink), ManifestEntry(Manifest("core")));

        await Assert.ThrowsAsync<InvalidDataException>(() => BackupArchive.ExtractAsync(file, _dir, null, CancellationToken.None));
    }

    [Fact]
    public async Task An_archive_without_a_manifest_is_incomplete()
    {
        var file = Archive(File_("databases/core.db"));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => BackupArchive.ExtractAsync(file, _dir, null, CancellationToken.None));

        Assert.Contains("no manifest.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manifest_that_lists_a_database_the_archive_lacks_is_refused()
    {
        var file = Archive(File_("databases/core.db"), ManifestEntry(Manifest("core", "chat")));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => BackupArchive.ExtractAsync(file, _dir, null, CancellationToken.None));

        Assert.Contains("databases/chat.db", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_newer_format_version_is_refused()
    {
        var file = Archive(File_("databases/core.db"), ManifestEntry(Manifest("core") with { FormatVersion = 99 }));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => BackupArchive.ExtractAsync(file, _dir, null, CancellationToken.None));

        Assert.Contains("format version 99", error.Message, StringComparison.Ordinal);
    }
}
