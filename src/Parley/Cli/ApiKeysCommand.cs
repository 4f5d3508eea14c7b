using System.CommandLine;

namespace Parley.Cli;

internal static class ApiKeysCommand
{
    public static Command Create()
    {
        var command = new Command("apikeys", "Not yet built.");
        return command;
    }
}
