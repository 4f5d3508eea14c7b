using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Core.Audit;
using Parley.Core.Security;
using Parley.Core.Storage;

namespace Parley.Core.Accounts;

/// <summary>
/// Sign-in: password, then TOTP when the account has it. Consecutive failures of either step
/// lock the account for a while; the count and the lock live in the database so a restart
/// does not lift them.
/// </summary>
public sealed class SignInService(
    CoreDbContext db, PasswordHasher hasher, TotpService totp, SessionService sessions, AccessTokens tokens,
    AuditLog audit, TimeProvider clock, IOptionsMonitor<AuthOptions> options)
{
    private static readonly Refusal InvalidCredentials = new(401, "invalid_credentials", "The username or password is not right.");

    public async Task<SignInOutcome> PasswordAsync(string? username, string? password, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password) || password.Length > PasswordPolicy.MaximumLength)
        {
            return SignInOutcome.Refused(InvalidCredentials);
        }
        var normalized = AccountService.NormalizeUsername(username);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Username == normalized, cancellationToken);
        if (user is null)
        {
            await hasher.VerifyDecoyAsync(password);
            await audit.RecordAsync("auth.login_failed", new { username = normalized, reason = "unknown_user" }, cancellationToken: cancellationToken);
            return SignInOutcome.Refused(InvalidCredentials);
        }
        if (LockedRefusal(user) is { } locked)
        {
            return SignInOutcome.Refused(locked);
        }
        if (!await hasher.VerifyAsync(password, user.PasswordHash))
        {
            return SignInOutcome.Refused(await FailAsync(user, "bad_password", InvalidCredentials, cancellationToken));
        }
        if (user.SuspendedAt is not null)
        {
            return SignInOutcome.Refused(new Refusal(403, "account_disabled", "This account is disabled."));
        }
        if (user.TotpEnabled)
        {
            // The failure count is not reset here: a correct password must not buy more TOTP guesses.
            return SignInOutcome.Mfa(new MfaChallenge(true, tokens.IssueMfaToken(user.Id)));
        }
        return SignInOutcome.Success(await SucceedAsync(user, "password", cancellationToken));
    }

    public async Task<SignInOutcome> TotpAsync(string? mfaToken, string? code, CancellationToken cancellationToken = default)
    {
        var userId = string.IsNullOrEmpty(mfaToken) ? null : await tokens.ReadMfaTokenAsync(mfaToken);
        if (userId is null)
        {
            return SignInOutcome.Refused(new Refusal(401, "invalid_mfa_token", "The sign-in step expired or is not valid; sign in again."));
        }
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null || !user.TotpEnabled)
        {
            return SignInOutcome.Refused(new Refusal(401, "invalid_mfa_token", "The sign-in step is not valid; sign in again."));
        }
        if (LockedRefusal(user) is { } locked)
        {
            return SignInOutcome.Refused(locked);
        }
        if (user.SuspendedAt is not null)
        {
            return SignInOutcome.Refused(new Refusal(403, "account_disabled", "This account is disabled."));
        }
        if (string.IsNullOrWhiteSpace(code) || !await totp.VerifySecondFactorAsync(user, code, cancellationToken))
        {
            var invalid = new Refusal(401, "invalid_totp", "That code is not valid.");
            return SignInOutcome.Refused(await FailAsync(user, "bad_totp", invalid, cancellationToken));
        }
        return SignInOutcome.Success(await SucceedAsync(user, "totp", cancellationToken));
    }

    private Refusal? LockedRefusal(User user)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (user.LockedUntil is not { } until || until <= now)
        {
            return null;
        }
        var seconds = (int)Math.Ceiling((until - now).TotalSeconds);
        return new Refusal(423, "account_locked", string.Create(CultureInfo.InvariantCulture, $"Too many failed sign-ins; try again in {seconds} seconds."))
        {
            RetryAfterSeconds = seconds,
        };
    }

    private async Task<Refusal> FailAsync(User user, string reason, Refusal refusal, CancellationToken cancellationToken)
    {
        var lockout = options.CurrentValue.Lockout;
        // Counted in the database so parallel attempts cannot slip past the limit.
        await db.Users.Where(u => u.Id == user.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.FailedLoginCount, u => u.FailedLoginCount + 1), cancellationToken);
        await audit.RecordAsync("auth.login_failed", new { reason }, userId: user.Id, cancellationToken: cancellationToken);

        var lockedUntil = clock.GetUtcNow().UtcDateTime.AddMinutes(lockout.Minutes);
        var locked = await db.Users.Where(u => u.Id == user.Id && u.FailedLoginCount >= lockout.MaxFailures)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.LockedUntil, lockedUntil).SetProperty(u => u.FailedLoginCount, 0), cancellationToken);
        if (locked > 0)
        {
            await audit.RecordAsync("auth.locked_out", new { minutes = lockout.Minutes }, userId: user.Id, cancellationToken: cancellationToken);
        }
        return refusal;
    }

    private async Task<TokenResponse> SucceedAsync(User user, string method, CancellationToken cancellationToken)
    {
        if (user.FailedLoginCount != 0 || user.LockedUntil is not null)
        {
            await db.Users.Where(u => u.Id == user.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.FailedLoginCount, 0).SetProperty(u => u.LockedUntil, (DateTime?)null), cancellationToken);
        }
        var response = await sessions.StartAsync(user, cancellationToken);
        await audit.RecordAsync("auth.login", new { method }, userId: user.Id, cancellationToken: cancellationToken);
        return response;
    }
}

/// <summary>The end of a sign-in step: tokens, a request for the TOTP code, or a refusal.</summary>
public sealed record SignInOutcome(TokenResponse? Tokens, MfaChallenge? Challenge, Refusal? Refusal)
{
    public static SignInOutcome Success(TokenResponse tokens) => new(tokens, null, null);
    public static SignInOutcome Mfa(MfaChallenge challenge) => new(null, challenge, null);
    public static SignInOutcome Refused(Refusal refusal) => new(null, null, refusal);
}
