using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Parley.Core.Accounts;
using Parley.Core.Storage;

namespace Parley.Cli;

/// <summary><c>parley users create|list|disable</c>: the operator's way in, through the same rules as the admin API.</summary>
internal static class UsersCommand
{
    public static Command Create()
    {
        var command = new Command("users", "Create, list and disable user accounts.");
        command.Subcommands.Add(CreateCommand());
        command.Subcommands.Add(ListCommand());
        command.Subcommands.Add(DisableCommand());
        return command;
    }

    private static Command CreateCommand()
    {
        var username = new Argument<string>("username") { Description = "The new account's username." };
        var password = new Option<string>("--password") { Description = "Its password; generated and printed when left out." };
        var email = new Option<string>("--email") { Description = "Its email address." };
        var role = new Option<string>("--role") { Description = "user, admin or owner.", DefaultValueFactory = _ => Roles.User };
        var create = new Command("create", "Create an account.") { username, password, email, role };
        create.TreatUnmatchedTokensAsErrors = false;
        create.SetAction(async (result, cancellationToken) =>
        {
            var chosenRole = result.GetValue(role)!;
            if (!AccountService.IsRole(chosenRole))
            {
                throw new CliError($"unknown role '{chosenRole}': use one of {string.Join(", ", AccountService.AllRoles)}");
            }
            var given = result.GetValue(password);
            var generated = string.IsNullOrEmpty(given);
            var secret = generated ? AccountService.GeneratePassword() : given!;

            await using var app = await CliDatabase.OpenAsync(result, cancellationToken);
            await using var scope = app.Services.CreateAsyncScope();
            var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
            var (user, refusal) = await accounts.CreateAsync(
                new NewAccount(result.GetValue(username), secret, result.GetValue(email), Role: chosenRole) { PasswordMustChange = generated },
                actorIsOwner: true, cancellationToken);
            if (user is null)
            {
                throw new CliError(refusal!.Detail);
            }
            Console.WriteLine($"Created {user.Role} '{user.Username}' ({user.Id}).");
            if (generated)
            {
                Console.WriteLine($"One-time password: {secret}");
            }
            return ParleyCli.Ok;
        });
        return create;
    }

    private static Command ListCommand()
    {
        var list = new Command("list", "List accounts.") { TreatUnmatchedTokensAsErrors = false };
        list.SetAction(async (result, cancellationToken) =>
        {
            await using var app = await CliDatabase.OpenAsync(result, cancellationToken);
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
            var users = await db.Users.AsNoTracking().OrderBy(u => u.Username).ToListAsync(cancellationToken);
            TextTable.Write(
                ["USERNAME", "ROLE", "STATUS", "TOTP", "EMAIL", "CREATED", "ID"],
                users.Select(u => new[]
                {
                    u.Username, u.Role, u.SuspendedAt is null ? "active" : "disabled", u.TotpEnabled ? "on" : "off",
                    u.Email ?? "", u.CreatedAt.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), u.Id.ToString(),
                }));
            return ParleyCli.Ok;
        });
        return list;
    }

    private static Command DisableCommand()
    {
        var username = new Argument<string>("username") { Description = "The account to disable." };
        var disable = new Command("disable", "Disable an account and end its sessions.") { username };
        disable.TreatUnmatchedTokensAsErrors = false;
        disable.SetAction(async (result, cancellationToken) =>
        {
            await using var app = await CliDatabase.OpenAsync(result, cancellationToken);
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
            var name = AccountService.NormalizeUsername(result.GetValue(username)!);
            var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Username == name, cancellationToken)
                ?? throw new CliError($"no user named '{name}'");
            var refusal = await scope.ServiceProvider.GetRequiredService<AccountService>()
                .SetDisabledAsync(user.Id, disabled: true, actorIsOwner: true, cancellationToken);
            if (refusal is not null)
            {
                throw new CliError(refusal.Detail);
            }
            Console.WriteLine($"Disabled '{user.Username}'.");
            return ParleyCli.Ok;
        });
        return disable;
    }
}
