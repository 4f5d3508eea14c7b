using System.CommandLine;
using Parley.Core.Storage;

namespace Parley.Cli;

/// <summary><c>parley migrate</c>: apply every module's pending migrations and exit.</summary>
internal static class MigrateCommand
{
    public static Command Create()
    {
        var command = new Command("migrate", "Apply pending database migrations for every module.") { TreatUnmatchedTokensAsErrors = false };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var app = CliHost.Build(ConfigOverrides.Validate(result.UnmatchedTokens));
            var migrator = app.Services.GetRequiredService<DatabaseMigrator>();
            var applied = await migrator.MigrateAllAsync(
                (module, count) => Console.WriteLine($"{module.Name}: {(count == 0 ? "up to date" : $"{count} migration(s) applied")}"),
                cancellationToken);
            Console.WriteLine($"{applied} migration(s) applied.");
            return ParleyCli.Ok;
        });
        return command;
    }
}
