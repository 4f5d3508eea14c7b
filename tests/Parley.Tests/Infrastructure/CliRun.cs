using Parley.Cli;

namespace Parley.Tests.Infrastructure;

/// <summary>Runs the <c>parley</c> CLI in-process and captures what it prints. Use only in <see cref="ConsoleCollection"/>.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static async Task<CliRun> RunAsync(params string[] args)
    {
        var originalOut = Console.Out;
        var originalError = Console.Error;
        using var output = new StringWriter();
        using var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var exitCode = await ParleyCli.RunAsync(args);
            return new CliRun(exitCode, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalError);
        }
    }
}
