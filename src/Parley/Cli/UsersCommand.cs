using System.CommandLine;

namespace Parley.Cli;

internal static class UsersCommand
{
    public static Command Create()
    {
        var command = new Command("users", "Not yet built.");
        return command;
    }
}
