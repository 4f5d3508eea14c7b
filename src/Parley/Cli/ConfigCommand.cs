using System.CommandLine;

namespace Parley.Cli;

/// <summary><c>parley config check</c>: validate configuration and print every problem at once.</summary>
internal static class ConfigCommand
{
    public static Command Create()
    {
        var check = new Command("check", "Validate configuration; print every problem, exit 2 if there is one.") { TreatUnmatchedTokensAsErrors = false };
        check.SetAction(async (result, cancellationToken) =>
        {
            await using var app = CliHost.Build(ConfigOverrides.Validate(result.UnmatchedTokens));
            Console.WriteLine("Configuration is valid.");
            return ParleyCli.Ok;
        });
        var command = new Command("config", "Configuration tools.");
        command.Subcommands.Add(check);
        return command;
    }
}
