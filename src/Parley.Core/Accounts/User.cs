using Microsoft.EntityFrameworkCore;

namespace Parley.Core.Accounts;

/// <summary>An account (<c>users</c>): Chatalot's columns plus Parley's lockout state.</summary>
public sealed class User
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Username { get; set; }
    public string? DisplayName { get; set; }
    public string? Email { get; set; }

    /// <summary>PHC string: <c>$argon2id$v=19$m=…,t=…,p=…$salt$hash</c>.</summary>
    public required string PasswordHash { get; set; }

    public string? AvatarUrl { get; set; }
    public string? BannerUrl { get; set; }
    public string Status { get; set; } = "offline";
    public string? CustomStatus { get; set; }
    public string? Bio { get; set; }
    public string? Pronouns { get; set; }

    /// <summary>AES-GCM ciphertext of the TOTP key under the instance key.</summary>
    public byte[]? TotpSecret { get; set; }
    public bool TotpEnabled { get; set; }

    /// <summary>JSON array of SHA-256 hex hashes of unused backup codes.</summary>
    public string? TotpBackupCodes { get; set; }

    /// <summary>The last TOTP time step accepted, so a code is never accepted twice.</summary>
    public long? TotpLastStep { get; set; }

    public bool IsAdmin { get; set; }

    /// <summary>Parley's: an account the server acts as (Modmail's support bots). Its password hash is no hash, so nobody signs in as it.</summary>
    public bool IsBot { get; set; }

    public bool IsOwner { get; set; }
    public DateTime? SuspendedAt { get; set; }
    public string? SuspendedReason { get; set; }
    public string? RecoveryCodeHash { get; set; }
    public long UploadBytesUsed { get; set; }

    /// <summary>Consecutive failed sign-ins; kept in the database so a restart does not reset a lockout.</summary>
    public int FailedLoginCount { get; set; }
    public DateTime? LockedUntil { get; set; }

    /// <summary>Set for the generated first-admin password, which is meant to be used once.</summary>
    public bool PasswordMustChange { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public string Role => IsOwner ? Roles.Owner : IsAdmin ? Roles.Admin : Roles.User;

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var user = modelBuilder.Entity<User>();
        user.ToTable("users");
        user.HasKey(u => u.Id);
        user.Ignore(u => u.Role);
        user.Property(u => u.Username).HasMaxLength(32);
        user.HasIndex(u => u.Username).IsUnique();
        user.Property(u => u.DisplayName).HasMaxLength(64);
        user.Property(u => u.Email).HasMaxLength(255);
        user.HasIndex(u => u.Email).IsUnique();
        user.Property(u => u.Status).HasMaxLength(16);
        user.Property(u => u.CustomStatus).HasMaxLength(128);
        user.Property(u => u.Pronouns).HasMaxLength(50);
    }
}

public static class Roles
{
    public const string Owner = "owner";
    public const string Admin = "admin";
    public const string User = "user";
}
