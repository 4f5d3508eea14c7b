using System.CommandLine;
using Parley.Backup;
using Parley.Modmail.Import;

namespace Parley.Cli;

/// <summary>
/// <c>parley modmail import-rustmail &lt;db.sqlite&gt; [--desk &lt;id&gt;]</c>: a Rustmail database's tickets, messages,
/// snippets, blocks, reminders, API keys and permissions into a desk, with a progress bar and counts per table. Run it
/// again and it imports nothing new (docs/modmail.md, Import).
/// </summary>
internal static class ModmailCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("db.sqlite") { Description = "Rustmail's SQLite database (db.sqlite)." };
        var desk = new Option<string?>("--desk") { Description = "The support desk to import into (its id); needed when there is more than one." };
        var import = new Command("import-rustmail", "Import a Rustmail database (tickets, messages, snippets, blocks, reminders, API keys, permissions) into a desk.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        import.Arguments.Add(file);
        import.Options.Add(desk);
        import.SetAction(async (result, cancellationToken) =>
        {
            var deskText = result.GetValue(desk);
            Guid? deskId = null;
            if (deskText is not null)
            {
                deskId = Guid.TryParse(deskText, out var parsed) ? parsed : throw new CliError($"--desk: '{deskText}' is not a desk id");
            }
            var path = Path.GetFullPath(result.GetValue(file)!);
            await using var app = await CliDatabase.OpenAsync(result, cancellationToken);
            await using var scope = app.Services.CreateAsyncScope();
            var importer = scope.ServiceProvider.GetRequiredService<RustmailImport>();
            try
            {
                using var source = RustmailDatabase.Open(path);
                var chosen = await importer.ChooseDeskAsync(deskId, cancellationToken);
                var report = await StepProgress.RunAsync(async progress =>
                {
                    var steps = new Dictionary<string, ProgressStep>();
                    return await importer.RunAsync(source, chosen, p =>
                    {
                        if (!steps.TryGetValue(p.Table, out var step))
                        {
                            steps[p.Table] = step = progress.Start(p.Table, p.Total);
                        }
                        step.SetValue(p.Done, p.Total);
                    }, cancellationToken);
                });
                Print(path, report);
                return ParleyCli.Ok;
            }
            catch (RustmailImportException bad)
            {
                throw new CliError(bad.Message);
            }
        });
        return new Command("modmail", "Modmail: support tickets.") { import };
    }

    private static void Print(string path, ImportReport report)
    {
        Console.WriteLine($"Imported {path} into desk {report.DeskId}:");
        TextTable.Write(["table", "imported", "skipped", "notes"], report.Tables.Select(t => new[]
        {
            t.Table,
            t.Imported.ToString(System.Globalization.CultureInfo.InvariantCulture),
            t.Skipped.ToString(System.Globalization.CultureInfo.InvariantCulture),
            string.Join("; ", t.Notes.Take(3)) + (t.Notes.Count > 3 ? $"; and {t.Notes.Count - 3} more" : ""),
        }));
    }
}
