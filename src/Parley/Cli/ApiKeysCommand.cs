using System.CommandLine;
using System.Globalization;
using Parley.Core.ApiKeys;
using Parley.Core.Security;

namespace Parley.Cli;

/// <summary><c>parley apikeys create|list|revoke</c>: keys for scripts and integrations, through the same service as the admin API.</summary>
internal static class ApiKeysCommand
{
    public static Command Create()
    {
        var command = new Command("apikeys", "Create, list and revoke API keys.");
        command.Subcommands.Add(CreateCommand());
        command.Subcommands.Add(ListCommand());
        command.Subcommands.Add(RevokeCommand());
        return command;
    }

    private static Command CreateCommand()
    {
        var name = new Option<string>("--name") { Description = "What the key is for.", Required = true };
        var permission = new Option<string[]>("--permission") { Description = "A permission the key holds; repeat for more. See Permissions.", AllowMultipleArgumentsPerToken = false };
        var expiresIn = new Option<string>("--expires-in") { Description = "Lifetime such as 30d, 12h or 90m; no expiry when left out." };
        var create = new Command("create", "Create a key and print it (the only time it is shown).") { name, permission, expiresIn };
        create.TreatUnmatchedTokensAsErrors = false;
        create.SetAction(async (result, cancellationToken) =>
        {
            var permissions = result.GetValue(permission) ?? [];
            var unknown = permissions.Where(p => !Permissions.IsKnown(p)).ToList();
            if (unknown.Count > 0)
            {
                throw new CliError($"unknown permission(s) {string.Join(", ", unknown)}: use {string.Join(", ", Permissions.All)}");
            }
            var lifetime = result.GetValue(expiresIn) is { } text ? ParseLifetime(text) : (TimeSpan?)null;

            await using var app = await CliDatabase.OpenAsync(result, cancellationToken);
            await using var scope = app.Services.CreateAsyncScope();
            var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            var (key, refusal) = await scope.ServiceProvider.GetRequiredService<ApiKeyService>()
                .CreateAsync(result.GetValue(name), permissions, now + lifetime, createdBy: null, cancellationToken);
            if (key is null)
            {
                throw new CliError(refusal!.Detail);
            }
            Console.WriteLine($"Created API key {key.Id} '{key.Name}'" + (key.ExpiresAt is { } at ? $", expires {at:yyyy-MM-dd HH:mm} UTC" : "") + ".");
            Console.WriteLine("Store it now; it will not be shown again:");
            Console.WriteLine(key.Key);
            return ParleyCli.Ok;
        });
        return create;
    }

    private static Command ListCommand()
    {
        var list = new Command("list", "List API keys.") { TreatUnmatchedTokensAsErrors = false };
        list.SetAction(async (result, cancellationToken) =>
        {
            await using var app = await CliDatabase.OpenAsync(result, cancellationToken);
            await using var scope = app.Services.CreateAsyncScope();
            var keys = await scope.ServiceProvider.GetRequiredService<ApiKeyService>().ListAsync(cancellationToken);
            TextTable.Write(
                ["ID", "NAME", "PREFIX", "STATUS", "EXPIRES", "LAST USED", "PERMISSIONS"],
                keys.Select(k => new[]
                {
                    k.Id.ToString(CultureInfo.InvariantCulture), k.Name, "pk_" + k.Prefix, k.IsActive ? "active" : "revoked",
                    Format(k.ExpiresAt), Format(k.LastUsedAt), string.Join(",", k.Permissions),
                }));
            return ParleyCli.Ok;
        });
        return list;
    }

    private static Command RevokeCommand()
    {
        var id = new Argument<long>("id") { Description = "The key's id (see apikeys list)." };
        var revoke = new Command("revoke", "Revoke a key; it stops working at once.") { id };
        revoke.TreatUnmatchedTokensAsErrors = false;
        revoke.SetAction(async (result, cancellationToken) =>
        {
            var keyId = result.GetValue(id);
            await using var app = await CliDatabase.OpenAsync(result, cancellationToken);
            await using var scope = app.Services.CreateAsyncScope();
            if (!await scope.ServiceProvider.GetRequiredService<ApiKeyService>().RevokeAsync(keyId, cancellationToken))
            {
                throw new CliError($"no API key with id {keyId}");
            }
            Console.WriteLine($"Revoked API key {keyId}.");
            return ParleyCli.Ok;
        });
        return revoke;
    }

    /// <summary>"30d", "12h", "90m".</summary>
    internal static TimeSpan ParseLifetime(string text)
    {
        var unit = text.Length > 1 ? text[^1] : ' ';
        if (!int.TryParse(text.AsSpan(0, Math.Max(0, text.Length - 1)), NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount < 1)
        {
            throw new CliError($"--expires-in '{text}': expected a number and a unit, such as 30d, 12h or 90m");
        }
        return unit switch
        {
            'd' => TimeSpan.FromDays(amount),
            'h' => TimeSpan.FromHours(amount),
            'm' => TimeSpan.FromMinutes(amount),
            _ => throw new CliError($"--expires-in '{text}': the unit must be d, h or m"),
        };
    }

    private static string Format(DateTime? time) =>
        time is { } t ? t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "-";
}
