using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Parley.Core.Storage;

namespace Parley.Core.Accounts;

/// <summary>
/// On a first start (no users yet) creates the owner account, so a fresh install can be signed
/// into. Runs after the migration hosted service. The password goes to the console, never to the
/// log, which may be shipped elsewhere.
/// </summary>
internal sealed class FirstAdminHostedService(IServiceScopeFactory scopes, IOptions<AdminOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
        if (await db.Users.AnyAsync(cancellationToken))
        {
            return;
        }
        var admin = options.Value;
        var configured = !string.IsNullOrEmpty(admin.Password);
        var password = configured ? admin.Password! : AccountService.GeneratePassword();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var (user, refusal) = await accounts.CreateAsync(
            new NewAccount(admin.Username, password, Role: Roles.Owner) { PasswordMustChange = !configured },
            actorIsOwner: true, cancellationToken);
        if (user is null)
        {
            // Another node created the first account at the same moment: nothing left to do.
            if (refusal!.Code == "username_taken")
            {
                return;
            }
            throw new InvalidOperationException($"Could not create the first admin account: {refusal.Detail}");
        }
        Console.WriteLine(configured
            ? $"First admin account created: username '{user.Username}', password from configuration"
            : $"First admin account created: username '{user.Username}', one-time password: {password}");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
