using System.CommandLine;
using Parley.Core.Storage;

namespace Parley.Cli;

/// <summary>The <c>parley</c> command line: <c>serve</c> is the default verb.</summary>
internal static class ParleyCli
{
    public const int Ok = 0;
    public const int BadInput = 2;
    public const int Failure = 1;

    public static async Task<int> RunAsync(string[] args)
    {
        var serve = ServeCommand.Create();
        var root = new RootCommand("Parley: community chat, support tickets, programmable email and mail triage in one server.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        root.SetAction((result, cancellationToken) => ServeCommand.RunAsync(ConfigOverrides.Validate(result.UnmatchedTokens), cancellationToken));
        root.Subcommands.Add(serve);
        root.Subcommands.Add(MigrateCommand.Create());
        root.Subcommands.Add(ConfigCommand.Create());
        root.Subcommands.Add(UsersCommand.Create());
        root.Subcommands.Add(ApiKeysCommand.Create());
        root.Subcommands.Add(BackupCommand.Create());
        root.Subcommands.Add(RestoreCommand.Create());
        root.Subcommands.Add(ModmailCommand.Create());

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            await Console.Error.WriteLineAsync("parley: " + parsed.Errors[0].Message);
            return BadInput;
        }
        try
        {
            // Our own handlers below turn errors into one line and exit code 2; the host handles SIGTERM itself.
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
        }
        catch (CliError error)
        {
            await Console.Error.WriteLineAsync("parley: " + error.Message);
            return BadInput;
        }
        catch (DataDirectoryLockedException locked)
        {
            await Console.Error.WriteLineAsync("parley: " + locked.Message);
            return BadInput;
        }
        catch (ConfigurationInvalidException invalid)
        {
            foreach (var problem in invalid.Problems)
            {
                await Console.Error.WriteLineAsync("parley: configuration: " + problem);
            }
            return BadInput;
        }
        catch (Exception unexpected) when (unexpected is not OperationCanceledException)
        {
            // A bug or an environment problem: keep the details, exit 1 rather than abort.
            await Console.Error.WriteLineAsync("parley: unexpected error: " + unexpected);
            return Failure;
        }
    }
}
