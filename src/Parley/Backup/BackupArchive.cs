using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using Parley.Core.Blobs;

namespace Parley.Backup;

/// <summary>
/// The layout of a backup file, a gzip-compressed tar any machine can open:
/// <c>databases/&lt;module&gt;.db</c>, <c>blobs/ab/cd/&lt;key&gt;</c>, then <c>manifest.json</c> last.
/// Reading accepts only those names, so an archive cannot write outside the directory it is unpacked into.
/// </summary>
internal static partial class BackupArchive
{
    public const string ManifestEntry = "manifest.json";

    public static string DatabaseEntry(string module) => $"databases/{module}.db";

    public static string BlobEntry(string key) => $"blobs/{key[..2]}/{key[2..4]}/{key}";

    [GeneratedRegex(@"^(manifest\.json|databases/[a-z0-9_\-]{1,64}\.db|blobs/([0-9a-f]{2})/([0-9a-f]{2})/(\2\3[0-9a-f]{60}))$", RegexOptions.CultureInvariant)]
    private static partial Regex AllowedEntry();

    /// <summary>Writes the archive to <paramref name="file"/>.partial and renames it into place, so a failed backup leaves no half file.</summary>
    public static async Task WriteAsync(
        string file,
        IReadOnlyList<(string Module, string Path)> databases,
        IEnumerable<(string Key, string Path)> blobs,
        Func<int, long, BackupManifest> manifestFor,
        Action<string, long>? onEntry,
        CancellationToken cancellationToken)
    {
        var partial = file + ".partial";
        try
        {
            await using (var output = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            await using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
            await using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: false))
            {
                foreach (var (module, path) in databases)
                {
                    await tar.WriteEntryAsync(path, DatabaseEntry(module), cancellationToken);
                    onEntry?.Invoke(DatabaseEntry(module), new FileInfo(path).Length);
                }
                var count = 0;
                long size = 0;
                foreach (var (key, path) in blobs)
                {
                    try
                    {
                        await tar.WriteEntryAsync(path, BlobEntry(key), cancellationToken);
                    }
                    catch (FileNotFoundException)
                    {
                        // Deleted since it was listed; it is not part of the backup.
                        continue;
                    }
                    count++;
                    var length = new FileInfo(path).Length;
                    size += length;
                    onEntry?.Invoke(BlobEntry(key), length);
                }
                var manifest = new PaxTarEntry(TarEntryType.RegularFile, ManifestEntry)
                {
                    DataStream = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(manifestFor(count, size), BackupManifest.Json)),
                };
                await tar.WriteEntryAsync(manifest, cancellationToken);
            }
            File.Move(partial, file, overwrite: true);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }

    /// <summary>
    /// Unpacks <paramref name="file"/> into <paramref name="directory"/> and returns its manifest.
    /// Throws <see cref="InvalidDataException"/> when the file is not a Parley backup.
    /// </summary>
    public static async Task<BackupManifest> ExtractAsync(string file, string directory, Action<long, long>? onProgress, CancellationToken cancellationToken)
    {
        await using var input = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous);
        try
        {
            await using var gzip = new GZipStream(input, CompressionMode.Decompress);
            await using var tar = new TarReader(gzip);
            while (await tar.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
            {
                if (entry.EntryType == TarEntryType.Directory)
                {
                    continue;
                }
                var match = AllowedEntry().Match(entry.Name);
                if (!match.Success || entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
                {
                    throw new InvalidDataException($"unexpected entry '{entry.Name}'");
                }
                var path = Path.Combine(directory, entry.Name);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
                {
                    if (entry.DataStream is not null)
                    {
                        await entry.DataStream.CopyToAsync(target, cancellationToken);
                    }
                }
                onProgress?.Invoke(input.Position, input.Length);
            }
        }
        catch (Exception ex) when (ex is EndOfStreamException or FormatException)
        {
            throw new InvalidDataException(ex.Message, ex);
        }

        var manifestPath = Path.Combine(directory, ManifestEntry);
        if (!File.Exists(manifestPath))
        {
            throw new InvalidDataException("it has no manifest.json (incomplete or not a Parley backup)");
        }
        BackupManifest? manifest;
        try
        {
            await using var json = File.OpenRead(manifestPath);
            manifest = await JsonSerializer.DeserializeAsync<BackupManifest>(json, BackupManifest.Json, cancellationToken);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException("its manifest.json does not parse: " + ex.Message, ex);
        }
        if (manifest is null || manifest.Format != BackupManifest.Kind)
        {
            throw new InvalidDataException("its manifest.json is not a Parley backup manifest");
        }
        if (manifest.FormatVersion != BackupManifest.CurrentFormatVersion)
        {
            throw new InvalidDataException($"format version {manifest.FormatVersion} is not one this Parley reads ({BackupManifest.CurrentFormatVersion})");
        }
        foreach (var module in manifest.Modules)
        {
            if (module.File != DatabaseEntry(module.Name) || !File.Exists(Path.Combine(directory, module.File)))
            {
                throw new InvalidDataException($"the manifest lists module '{module.Name}' but the archive has no {DatabaseEntry(module.Name)}");
            }
        }
        return manifest;
    }

    /// <summary>The blobs an unpacked archive holds, as (key, path).</summary>
    public static IEnumerable<(string Key, string Path)> UnpackedBlobs(string directory)
    {
        var root = Path.Combine(directory, "blobs");
        if (!Directory.Exists(root))
        {
            return [];
        }
        return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(path => (Key: Path.GetFileName(path), Path: path))
            .Where(blob => BlobKey.IsValid(blob.Key));
    }
}
