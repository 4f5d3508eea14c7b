using Microsoft.EntityFrameworkCore;
using Parley.Core.Audit;
using Parley.Core.Security;
using Parley.Core.Storage;

namespace Parley.Core.Accounts;

/// <summary>
/// A user's second factor: set up (a secret sealed under the instance key, not yet in force),
/// enabled by proving one code (which hands out eight single-use backup codes), checked at sign-in.
/// </summary>
public sealed class TotpService(CoreDbContext db, InstanceKeyring keyring, PasswordHasher hasher, AuditLog audit, TimeProvider clock)
{
    public const string Issuer = "Parley";
    private const string SealPurpose = "totp";

    public async Task<(TotpSetup? Setup, Refusal? Refusal)> SetupAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return (null, Refusal.NotFound("user_not_found", "No such user."));
        }
        if (user.TotpEnabled)
        {
            return (null, Refusal.Conflict("totp_already_enabled", "Two-factor sign-in is already on; turn it off first to set up a new key."));
        }
        var secret = TotpCodes.NewSecret();
        user.TotpSecret = keyring.Encrypt(SealPurpose, secret);
        user.TotpLastStep = null;
        user.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return (new TotpSetup(TotpCodes.ToBase32(secret), TotpCodes.OtpauthUri(secret, user.Username, Issuer)), null);
    }

    public async Task<(IReadOnlyList<string>? BackupCodes, Refusal? Refusal)> EnableAsync(Guid userId, string? code, CancellationToken cancellationToken = default)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return (null, Refusal.NotFound("user_not_found", "No such user."));
        }
        if (user.TotpEnabled)
        {
            return (null, Refusal.Conflict("totp_already_enabled", "Two-factor sign-in is already on."));
        }
        if (user.TotpSecret is null)
        {
            return (null, Refusal.Conflict("totp_not_set_up", "Call /api/account/totp/setup first."));
        }
        if (string.IsNullOrEmpty(code) || !await AcceptTotpAsync(user, code, cancellationToken))
        {
            return (null, new Refusal(400, "invalid_totp", "That code is not valid now; check the device's clock and try the current code."));
        }
        var backupCodes = TotpCodes.NewBackupCodes();
        user.TotpEnabled = true;
        user.TotpBackupCodes = TotpCodes.HashBackupCodes(backupCodes);
        user.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync("auth.totp_enabled", new { target_user_id = user.Id }, cancellationToken: cancellationToken);
        return (backupCodes, null);
    }

    public async Task<Refusal?> DisableAsync(Guid userId, string? password, CancellationToken cancellationToken = default)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return Refusal.NotFound("user_not_found", "No such user.");
        }
        if (string.IsNullOrEmpty(password) || !await hasher.VerifyAsync(password, user.PasswordHash))
        {
            return new Refusal(400, "invalid_password", "The password is not right.");
        }
        user.TotpEnabled = false;
        user.TotpSecret = null;
        user.TotpBackupCodes = null;
        user.TotpLastStep = null;
        user.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync("auth.totp_disabled", new { target_user_id = user.Id }, cancellationToken: cancellationToken);
        return null;
    }

    /// <summary>Checks a sign-in's second factor: a current TOTP code never used before, or an unused backup code (which it uses up).</summary>
    public async Task<bool> VerifySecondFactorAsync(User user, string code, CancellationToken cancellationToken = default)
    {
        code = code.Trim();
        if (TotpCodes.LooksLikeTotp(code))
        {
            return await AcceptTotpAsync(user, code, cancellationToken);
        }
        var remaining = TotpCodes.ConsumeBackupCode(user.TotpBackupCodes, code);
        if (remaining is null)
        {
            return false;
        }
        // Conditional on the list we read, so one backup code cannot be spent twice at once.
        var previous = user.TotpBackupCodes;
        var spent = await db.Users
            .Where(u => u.Id == user.Id && u.TotpBackupCodes == previous)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.TotpBackupCodes, remaining), cancellationToken);
        if (spent == 0)
        {
            return false;
        }
        user.TotpBackupCodes = remaining;
        await audit.RecordAsync("auth.backup_code_used", new { remaining = CountOf(remaining) }, userId: user.Id, cancellationToken: cancellationToken);
        return true;
    }

    private async Task<bool> AcceptTotpAsync(User user, string code, CancellationToken cancellationToken)
    {
        if (user.TotpSecret is null)
        {
            return false;
        }
        var secret = keyring.Decrypt(SealPurpose, user.TotpSecret);
        if (TotpCodes.MatchStep(secret, code, clock.GetUtcNow(), user.TotpLastStep) is not { } step)
        {
            return false;
        }
        // Advance the last accepted step only forward, in the database, so a replay racing this one loses.
        var accepted = await db.Users
            .Where(u => u.Id == user.Id && (u.TotpLastStep == null || u.TotpLastStep < step))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.TotpLastStep, step), cancellationToken);
        if (accepted == 0)
        {
            return false;
        }
        user.TotpLastStep = step;
        return true;
    }

    private static int CountOf(string hashesJson) => System.Text.Json.JsonSerializer.Deserialize<List<string>>(hashesJson)?.Count ?? 0;
}

public sealed record TotpSetup(string Secret, string OtpauthUri);
