using System.CommandLine;
using Parley.Core.Storage;

namespace Parley.Cli;

/// <summary>The application for a verb that works on the data: built from the unmatched tokens (configuration), migrated first.</summary>
internal static class CliDatabase
{
    public static async Task<WebApplication> OpenAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var app = CliHost.Build(result.UnmatchedTokens.ToArray());
        try
        {
            await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAllAsync(cancellationToken: cancellationToken);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }
}
