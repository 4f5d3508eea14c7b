using System.ComponentModel.DataAnnotations;

namespace Parley.Core.Accounts;

/// <summary>Passwords, tokens and lockout: the <c>Auth</c> configuration section.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    public Argon2Options Argon2 { get; set; } = new();

    public LockoutOptions Lockout { get; set; } = new();

    /// <summary>Lifetime of a JWT access token; short, because a stolen one cannot be recalled offline.</summary>
    [Range(1, 1440)]
    public int AccessTokenMinutes { get; set; } = 15;

    /// <summary>Lifetime of a refresh token (and so of an idle session).</summary>
    [Range(1, 3650)]
    public int RefreshTokenDays { get; set; } = 30;

    [Range(8, PasswordPolicy.MaximumLength)]
    public int MinimumPasswordLength { get; set; } = 10;
}

/// <summary>Argon2id cost. The defaults follow OWASP's guidance; tests lower them.</summary>
public sealed class Argon2Options
{
    [Range(8, 4 * 1024 * 1024)]
    public int MemoryKiB { get; set; } = 64 * 1024;

    [Range(1, 100)]
    public int Iterations { get; set; } = 3;

    [Range(1, 64)]
    public int Lanes { get; set; } = 4;
}

public sealed class LockoutOptions
{
    /// <summary>Consecutive failed sign-ins (password or TOTP) that lock the account.</summary>
    [Range(1, 1000)]
    public int MaxFailures { get; set; } = 5;

    [Range(1, 7 * 24 * 60)]
    public int Minutes { get; set; } = 15;
}
