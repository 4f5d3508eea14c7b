using Parley.Cli;

namespace Parley.Tests.Cli;

/// <summary>Runs the <c>parley</c> CLI in-process and keeps what it printed. Use only in <see cref="ConsoleCollection"/>.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static async Task<CliRun> RunAsync(params string[] args)
    {
        using var console = new ConsoleCapture();
        var exitCode = await ParleyCli.RunAsync(args);
        return new CliRun(exitCode, console.Out, console.Error);
    }
}
