using System.CommandLine;
using Microsoft.Extensions.Options;
using Parley.Backup;
using Parley.Core.Blobs;
using Parley.Core.Storage;

namespace Parley.Cli;

/// <summary>
/// <c>parley restore &lt;file&gt; [--force]</c>: puts a backup's databases and blobs back into the
/// data directory. Everything is unpacked and checked before the first file is replaced, and the
/// data directory's lock is held throughout, so no server can start on half a restore.
/// </summary>
internal static class RestoreCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "A backup written by 'parley backup'." };
        var force = new Option<bool>("--force") { Description = "Replace databases that already exist." };
        var command = new Command("restore", "Restore databases and blobs from a backup (the server must be stopped).")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.Arguments.Add(file);
        command.Options.Add(force);
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var app = CliHost.Build(result.UnmatchedTokens.ToArray());
            return await RunAsync(app.Services, Path.GetFullPath(result.GetValue(file)!), result.GetValue(force), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(IServiceProvider services, string file, bool force, CancellationToken cancellationToken)
    {
        var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        if (storage.IsPostgres)
        {
            throw new CliError("this installation keeps its data in PostgreSQL: restore it with pg_restore (see 'parley backup')");
        }
        if (!File.Exists(file))
        {
            throw new CliError($"there is no backup at {file}");
        }
        var modules = services.GetRequiredService<DatabaseMigrator>().Modules;
        var data = storage.FullDataDirectory;

        using var held = DataDirectoryLock.Acquire(data);
        var existing = modules.Select(m => storage.SqlitePath(m.Name)).Where(File.Exists).ToList();
        if (existing.Count > 0 && !force)
        {
            throw new CliError($"{data} already holds databases ({string.Join(", ", existing.Select(Path.GetFileName))}); pass --force to replace them");
        }

        // Unpacked inside the data directory: the final moves stay on one filesystem.
        var work = Directory.CreateDirectory(Path.Combine(data, ".restore-" + Guid.NewGuid().ToString("N"))).FullName;
        try
        {
            var manifest = await StepProgress.RunAsync(async progress =>
            {
                var unpack = progress.Start("unpack", new FileInfo(file).Length);
                BackupManifest unpacked;
                try
                {
                    unpacked = await BackupArchive.ExtractAsync(file, work, (position, length) => unpack.SetValue(position, length), cancellationToken);
                }
                catch (InvalidDataException ex)
                {
                    throw new CliError($"{file} is not a usable Parley backup: {ex.Message}");
                }
                unpack.Done($"{unpacked.Modules.Count} database(s), created {unpacked.CreatedAt:u} by Parley {unpacked.ParleyVersion}");

                var known = modules.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
                var unknown = unpacked.Modules.Select(m => m.Name).Where(name => !known.Contains(name)).ToList();
                if (unknown.Count > 0)
                {
                    throw new CliError($"{file} holds module(s) this Parley does not have: {string.Join(", ", unknown)}");
                }
                foreach (var module in unpacked.Modules)
                {
                    var check = progress.Start($"{module.Name}: integrity check");
                    var integrity = await Task.Run(() => SqliteFile.IntegrityCheck(Path.Combine(work, module.File)), cancellationToken);
                    if (integrity != "ok")
                    {
                        throw new CliError($"the {module.Name} database in {file} fails its integrity check ({integrity}); nothing was replaced");
                    }
                    check.Done("ok");
                }

                // Blobs first: each is checked against its key, and extra blobs are harmless, so a damaged
                // archive stops here with every database still as it was.
                var blobs = BackupArchive.UnpackedBlobs(work).ToList();
                var blobStep = progress.Start("blobs", blobs.Count);
                var store = services.GetRequiredService<IBlobStore>();
                foreach (var (key, path) in blobs)
                {
                    await using var content = File.OpenRead(path);
                    var stored = await store.PutAsync(content, cancellationToken);
                    if (stored.Key != key)
                    {
                        throw new CliError($"blob {key} in {file} is damaged (its content hashes to {stored.Key})");
                    }
                    blobStep.Advance();
                }
                blobStep.Done(unpacked.Blobs.Included ? $"{blobs.Count} blob(s) restored" : "none in the backup" + (unpacked.Blobs.Note is null ? "" : $" ({unpacked.Blobs.Note})"));

                var replace = progress.Start("replace databases", modules.Count);
                foreach (var module in modules)
                {
                    var target = storage.SqlitePath(module.Name);
                    // A -wal or -shm left from the old database would be replayed into the restored one.
                    File.Delete(target + "-wal");
                    File.Delete(target + "-shm");
                    var restored = unpacked.Modules.FirstOrDefault(m => m.Name == module.Name);
                    if (restored is null)
                    {
                        // Newer than the backup: it starts empty and is migrated on the next start.
                        File.Delete(target);
                    }
                    else
                    {
                        File.Move(Path.Combine(work, restored.File), target, overwrite: true);
                    }
                    replace.Advance();
                }
                replace.Done(string.Join(", ", unpacked.Modules.Select(m => m.Name)));
                return unpacked;
            });
            Console.WriteLine($"Restored {string.Join(", ", manifest.Modules.Select(m => m.Name))} from {file} into {data}.");
            return ParleyCli.Ok;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
