using System.CommandLine;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Options;
using Parley.Backup;
using Parley.Core.Blobs;
using Parley.Core.Storage;

namespace Parley.Cli;

/// <summary>
/// <c>parley backup &lt;file&gt;</c>: a consistent copy of every module's SQLite database, taken
/// while the server runs, plus the blobs, in one archive with a manifest.
/// </summary>
internal static class BackupCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The archive to write (a .tar.gz)." };
        var noBlobs = new Option<bool>("--no-blobs") { Description = "Leave the blobs out (databases only)." };
        var command = new Command("backup", "Back up every module's database and the blobs into one archive, while the server runs.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.Arguments.Add(file);
        command.Options.Add(noBlobs);
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var app = CliHost.Build(result.UnmatchedTokens.ToArray());
            return await RunAsync(app.Services, Path.GetFullPath(result.GetValue(file)!), result.GetValue(noBlobs), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(IServiceProvider services, string file, bool skipBlobs, CancellationToken cancellationToken)
    {
        var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var modules = services.GetRequiredService<DatabaseMigrator>().Modules;
        if (storage.IsPostgres)
        {
            foreach (var line in PostgresBackupGuidance.For(storage.ConnectionString!, modules.Select(m => m.Name), DumpFileFor(file)))
            {
                await Console.Error.WriteLineAsync(line);
            }
            return ParleyCli.BadInput;
        }

        foreach (var module in modules)
        {
            if (!File.Exists(storage.SqlitePath(module.Name)))
            {
                throw new CliError($"there is no {module.Name} database at {storage.SqlitePath(module.Name)}: nothing to back up (is Storage:DataDirectory right?)");
            }
        }
        var directory = Path.GetDirectoryName(file)!;
        if (!Directory.Exists(directory))
        {
            throw new CliError($"the directory {directory} does not exist");
        }

        var blobs = services.GetRequiredService<IOptions<BlobsOptions>>().Value;
        var blobStore = blobs.IsS3 || skipBlobs ? null : services.GetRequiredService<IBlobStore>() as FileSystemBlobStore;
        var clock = services.GetRequiredService<TimeProvider>();

        // The snapshots go next to the archive: same filesystem, and /tmp may be small.
        var work = Directory.CreateDirectory(Path.Combine(directory, ".parley-backup-" + Guid.NewGuid().ToString("N"))).FullName;
        try
        {
            var manifest = await StepProgress.RunAsync(async progress =>
            {
                var snapshots = new List<(string Module, string Path)>();
                var moduleBackups = new List<ModuleBackup>();
                foreach (var module in modules)
                {
                    var step = progress.Start($"{module.Name}: snapshot");
                    var snapshot = Path.Combine(work, module.Name + ".db");
                    try
                    {
                        await Task.Run(() => SqliteFile.Snapshot(storage.SqlitePath(module.Name), snapshot), cancellationToken);
                    }
                    catch (Microsoft.Data.Sqlite.SqliteException ex)
                    {
                        throw new CliError($"could not copy the {module.Name} database: {ex.Message}");
                    }
                    var size = new FileInfo(snapshot).Length;
                    step.Done(Bytes(size));

                    step = progress.Start($"{module.Name}: integrity check");
                    var integrity = await Task.Run(() => SqliteFile.IntegrityCheck(snapshot), cancellationToken);
                    if (integrity != "ok")
                    {
                        throw new CliError($"the {module.Name} database fails its integrity check ({integrity}); not writing a backup of it");
                    }
                    step.Done("ok");
                    snapshots.Add((module.Name, snapshot));
                    moduleBackups.Add(new ModuleBackup(module.Name, BackupArchive.DatabaseEntry(module.Name), size, SqliteFile.AppliedMigrations(snapshot), SqliteFile.RowCounts(snapshot)));
                }

                // Blobs are immutable and content-addressed, so copying them after the snapshots
                // still gives every blob the snapshots can refer to.
                var blobList = blobStore?.EnumerateKeys().Select(key => (Key: key, Path: blobStore.PathOf(key))).ToList() ?? [];
                var databasesStep = progress.Start("archive: databases", snapshots.Sum(s => new FileInfo(s.Path).Length));
                var blobsStep = progress.Start("archive: blobs", blobList.Count);
                BackupManifest? written = null;
                await BackupArchive.WriteAsync(file, snapshots, blobList,
                    (count, size) => written = new BackupManifest
                    {
                        CreatedAt = clock.GetUtcNow(),
                        ParleyVersion = ParleyVersion(),
                        Provider = StorageOptions.Sqlite,
                        Modules = moduleBackups,
                        Blobs = blobStore is not null
                            ? new BlobsBackup(true, count, size)
                            : new BlobsBackup(false, 0, 0, skipBlobs ? "left out with --no-blobs" : $"blobs live in the S3 bucket '{blobs.S3.Bucket}': back it up with the bucket's own tools"),
                    },
                    (entry, length) =>
                    {
                        if (entry.StartsWith("blobs/", StringComparison.Ordinal))
                        {
                            blobsStep.Advance();
                        }
                        else
                        {
                            databasesStep.Advance(length);
                        }
                    },
                    cancellationToken);
                databasesStep.Done($"{snapshots.Count} database(s)");
                blobsStep.Done(blobStore is null ? "left out" : $"{written!.Blobs.Count} blob(s), {Bytes(written.Blobs.SizeBytes)}");
                return written!;
            });
            Console.WriteLine($"Backup written to {file} ({Bytes(new FileInfo(file).Length)}; {string.Join(", ", manifest.Modules.Select(m => m.Name))}; {manifest.Blobs.Count} blob(s)).");
            return ParleyCli.Ok;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    // parley.tar.gz -> parley.dump: the file pg_dump would write in its place.
    private static string DumpFileFor(string file)
    {
        foreach (var suffix in new[] { ".tar.gz", ".tgz", ".tar", ".gz", ".zip" })
        {
            if (file.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return file[..^suffix.Length] + ".dump";
            }
        }
        return file + ".dump";
    }

    internal static string ParleyVersion() =>
        typeof(BackupCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    internal static string Bytes(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MiB"),
    };
}
