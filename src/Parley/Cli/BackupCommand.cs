using System.CommandLine;

namespace Parley.Cli;

internal static class BackupCommand
{
    public static Command Create()
    {
        var command = new Command("backup", "Not yet built.");
        return command;
    }
}
