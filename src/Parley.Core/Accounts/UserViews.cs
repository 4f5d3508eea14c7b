namespace Parley.Core.Accounts;

/// <summary>A user as the account and sign-in endpoints show it.</summary>
public sealed record UserView(
    Guid Id, string Username, string? DisplayName, string? Email, string Role, bool TotpEnabled, bool PasswordMustChange, DateTime CreatedAt)
{
    public static UserView From(User user) =>
        new(user.Id, user.Username, user.DisplayName, user.Email, user.Role, user.TotpEnabled, user.PasswordMustChange, user.CreatedAt);
}

/// <summary>A user as the admin list shows it.</summary>
public sealed record AdminUserView(
    Guid Id, string Username, string? DisplayName, string? Email, string Role, bool Disabled, bool TotpEnabled, DateTime CreatedAt)
{
    public static AdminUserView From(User user) =>
        new(user.Id, user.Username, user.DisplayName, user.Email, user.Role, user.SuspendedAt is not null, user.TotpEnabled, user.CreatedAt);
}

/// <summary>What a successful sign-in or refresh returns.</summary>
public sealed record TokenResponse(string AccessToken, string RefreshToken, string TokenType, int ExpiresIn, UserView User);

/// <summary>The password was right and the account has TOTP: send the code with this token.</summary>
public sealed record MfaChallenge(bool MfaRequired, string MfaToken);
