using Parley.Cli;

namespace Parley.Modmail.Tests.Import;

/// <summary>Tests that read what the program prints: Console is process-wide, so they run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CliConsole
{
    public const string Name = "Modmail CLI output";

    /// <summary>Runs the <c>parley</c> CLI in-process and keeps what it printed.</summary>
    public static async Task<(int Exit, string Out, string Error)> RunAsync(params string[] args)
    {
        var (savedOut, savedError) = (Console.Out, Console.Error);
        using var output = new StringWriter();
        using var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var exit = await ParleyCli.RunAsync(args);
            return (exit, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(savedOut);
            Console.SetError(savedError);
        }
    }
}
