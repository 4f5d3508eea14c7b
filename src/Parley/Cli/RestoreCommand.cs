using System.CommandLine;

namespace Parley.Cli;

internal static class RestoreCommand
{
    public static Command Create()
    {
        var command = new Command("restore", "Not yet built.");
        return command;
    }
}
