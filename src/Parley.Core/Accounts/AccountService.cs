using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Parley.Core.Audit;
using Parley.Core.Security;
using Parley.Core.Storage;

namespace Parley.Core.Accounts;

/// <summary>
/// Creating and administering accounts, for the API and the CLI alike. The role rules live
/// here: only an owner makes owners or touches an owner, and the last active owner stays.
/// </summary>
public sealed partial class AccountService(
    CoreDbContext db, PasswordHasher hasher, PasswordPolicy passwords, SessionService sessions, AuditLog audit, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> AllRoles = [Roles.User, Roles.Admin, Roles.Owner];

    public static string NormalizeUsername(string username) => username.Trim().ToLowerInvariant();

    public static bool IsRole(string? role) => role is Roles.User or Roles.Admin or Roles.Owner;

    /// <summary>A password of <paramref name="length"/> letters and digits, for accounts created without one.</summary>
    public static string GeneratePassword(int length = 20) =>
        new(RandomNumberGenerator.GetItems<char>("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", length));

    /// <param name="actorIsOwner">Whether the caller may create an owner (an owner, or the operator at the CLI).</param>
    public async Task<(User? User, Refusal? Refusal)> CreateAsync(NewAccount account, bool actorIsOwner, CancellationToken cancellationToken = default)
    {
        var username = NormalizeUsername(account.Username ?? "");
        if (!UsernamePattern().IsMatch(username))
        {
            return (null, Refusal.Invalid("username", "must be 2–32 characters: letters, digits, '.', '_' or '-'"));
        }
        if (passwords.Check(account.Password) is { } passwordProblem)
        {
            return (null, Refusal.Invalid("password", passwordProblem));
        }
        var role = account.Role ?? Roles.User;
        if (!IsRole(role))
        {
            return (null, Refusal.Invalid("role", "must be one of: " + string.Join(", ", AllRoles)));
        }
        var email = string.IsNullOrWhiteSpace(account.Email) ? null : account.Email.Trim();
        if (email is not null && (email.Length > 255 || !email.Contains('@', StringComparison.Ordinal)))
        {
            return (null, Refusal.Invalid("email", "is not an email address"));
        }
        var displayName = string.IsNullOrWhiteSpace(account.DisplayName) ? null : account.DisplayName.Trim();
        if (displayName is { Length: > 64 })
        {
            return (null, Refusal.Invalid("display_name", "must be at most 64 characters"));
        }
        if (role == Roles.Owner && !actorIsOwner)
        {
            return (null, Refusal.Forbidden("owner_required", "Only an owner can create an owner."));
        }
        if (await db.Users.AnyAsync(u => u.Username == username, cancellationToken))
        {
            return (null, Refusal.Conflict("username_taken", $"The username '{username}' is taken."));
        }
        if (email is not null && await db.Users.AnyAsync(u => u.Email == email, cancellationToken))
        {
            return (null, Refusal.Conflict("email_taken", "Another account uses that email address."));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var user = new User
        {
            Username = username,
            DisplayName = displayName,
            Email = email,
            PasswordHash = await hasher.HashAsync(account.Password!),
            IsAdmin = role is Roles.Admin or Roles.Owner,
            IsOwner = role == Roles.Owner,
            PasswordMustChange = account.PasswordMustChange,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Lost a race with another request creating the same name.
            db.Entry(user).State = EntityState.Detached;
            return (null, Refusal.Conflict("username_taken", $"The username '{username}' is taken."));
        }
        await audit.RecordAsync("user.created", new { target_user_id = user.Id, username = user.Username, role }, cancellationToken: cancellationToken);
        return (user, null);
    }

    public async Task<Refusal?> ChangePasswordAsync(Guid userId, string? currentPassword, string? newPassword, Guid? keepSession, CancellationToken cancellationToken = default)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return Refusal.NotFound("user_not_found", "No such user.");
        }
        if (string.IsNullOrEmpty(currentPassword) || currentPassword.Length > PasswordPolicy.MaximumLength
            || !await hasher.VerifyAsync(currentPassword, user.PasswordHash))
        {
            return new Refusal(400, "invalid_password", "The current password is not right.");
        }
        if (passwords.Check(newPassword) is { } problem)
        {
            return Refusal.Invalid("new_password", problem);
        }
        user.PasswordHash = await hasher.HashAsync(newPassword!);
        user.PasswordMustChange = false;
        user.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        // Whoever knew the old password is signed out everywhere but here.
        await sessions.RevokeAllAsync(user.Id, "password_changed", keepSession, cancellationToken);
        await audit.RecordAsync("auth.password_changed", new { target_user_id = user.Id }, cancellationToken: cancellationToken);
        return null;
    }

    public async Task<Refusal?> SetRoleAsync(Guid targetId, string? role, bool actorIsOwner, CancellationToken cancellationToken = default)
    {
        if (!IsRole(role))
        {
            return Refusal.Invalid("role", "must be one of: " + string.Join(", ", AllRoles));
        }
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == targetId, cancellationToken);
        if (user is null)
        {
            return Refusal.NotFound("user_not_found", "No such user.");
        }
        var from = user.Role;
        if ((role == Roles.Owner || user.IsOwner) && !actorIsOwner)
        {
            return Refusal.Forbidden("owner_required", "Only an owner can make an owner or change an owner's role.");
        }
        if (from == role)
        {
            return null;
        }
        if (user.IsOwner && await IsLastActiveOwnerAsync(user, cancellationToken))
        {
            return Refusal.Conflict("last_owner", "This is the last active owner; make someone else owner first.");
        }
        user.IsOwner = role == Roles.Owner;
        user.IsAdmin = role is Roles.Owner or Roles.Admin;
        user.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync("user.role_changed", new { target_user_id = user.Id, from, to = role }, cancellationToken: cancellationToken);
        return null;
    }

    public async Task<Refusal?> SetDisabledAsync(Guid targetId, bool disabled, bool actorIsOwner, CancellationToken cancellationToken = default)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == targetId, cancellationToken);
        if (user is null)
        {
            return Refusal.NotFound("user_not_found", "No such user.");
        }
        if (user.IsOwner && !actorIsOwner)
        {
            return Refusal.Forbidden("owner_required", "Only an owner can disable or enable an owner.");
        }
        if (disabled == (user.SuspendedAt is not null))
        {
            return null;
        }
        if (disabled && user.IsOwner && await IsLastActiveOwnerAsync(user, cancellationToken))
        {
            return Refusal.Conflict("last_owner", "This is the last active owner; it cannot be disabled.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        user.SuspendedAt = disabled ? now : null;
        user.SuspendedReason = null;
        user.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        if (disabled)
        {
            await sessions.RevokeAllAsync(user.Id, "user_disabled", cancellationToken: cancellationToken);
        }
        await audit.RecordAsync(disabled ? "user.disabled" : "user.enabled", new { target_user_id = user.Id }, cancellationToken: cancellationToken);
        return null;
    }

    private Task<bool> IsLastActiveOwnerAsync(User owner, CancellationToken cancellationToken) =>
        db.Users.AllAsync(u => u.Id == owner.Id || !u.IsOwner || u.SuspendedAt != null, cancellationToken);

    [GeneratedRegex("^[a-z0-9._-]{2,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex UsernamePattern();
}

/// <summary>What creating an account takes; the same for <c>POST /api/admin/users</c> and <c>parley users create</c>.</summary>
public sealed record NewAccount(string? Username, string? Password, string? Email = null, string? DisplayName = null, string? Role = Roles.User)
{
    public bool PasswordMustChange { get; init; }
}
