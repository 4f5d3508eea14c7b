using Microsoft.Extensions.DependencyInjection;
using Parley.Modmail.Commands;
using Parley.Tests.Infrastructure;

namespace Parley.Modmail.Tests.Commands;

/// <summary>The registered command set: every staff command of Rustmail is found by its name and aliases, none twice.</summary>
public sealed class CommandSetTests
{
    private static readonly string[] Mine =
    [
        "new_thread", "move_thread", "add_staff", "remove_staff", "take", "release", "add_reminder", "remove_reminder",
        "alert", "snippet", "id", "logs", "status", "ping", "help", "recover", "block", "unblock",
    ];

    [Fact]
    public async Task Commands_are_found_by_name_or_alias_in_any_case_and_no_name_is_taken_twice()
    {
        await using var app = await TestApp.StartAsync(TestDatabase.Sqlite);
        await using var scope = app.CreateScope();
        var commands = scope.ServiceProvider.GetRequiredService<TicketCommands>();

        foreach (var name in Mine)
        {
            var command = commands.Find(name);
            Assert.True(command is not null, name + " is not registered");
            Assert.Equal(name, command.Names[0]);
            Assert.StartsWith(name, command.Usage, StringComparison.Ordinal);
        }
        Assert.IsType<MoveThreadCommand>(commands.Find("MV"));
        Assert.IsType<SnippetCommand>(commands.Find("s"));
        Assert.IsType<AddReminderCommand>(commands.Find("Remind"));
        Assert.IsType<NewThreadCommand>(commands.Find("nt"));
        Assert.Null(commands.Find("nonsense"));

        var names = commands.All.SelectMany(c => c.Names).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(names, n => Assert.Equal(n.ToLowerInvariant(), n));
    }

    [Fact]
    public async Task Help_lists_every_usage_line_with_the_prefix_and_aliases()
    {
        await using var app = await TestApp.StartAsync(TestDatabase.Sqlite);
        await using var scope = app.CreateScope();
        var all = scope.ServiceProvider.GetRequiredService<TicketCommands>().All;

        var help = HelpCommand.Render("?", all);

        foreach (var command in all)
        {
            Assert.Contains("?" + command.Usage, help, StringComparison.Ordinal);
        }
        Assert.Contains("(also ?mv, ?move)", help, StringComparison.Ordinal);
    }
}
