using System.ComponentModel.DataAnnotations;

namespace Parley.Core.Accounts;

/// <summary>The owner account created on first start: the <c>Admin</c> section.</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    [Required]
    [RegularExpression("^[a-zA-Z0-9._-]{2,32}$", ErrorMessage = "must be 2–32 characters: letters, digits, '.', '_' or '-'")]
    public string Username { get; set; } = "admin";

    /// <summary>The first owner's password; when unset, a one-time password is generated and printed.</summary>
    [StringLength(PasswordPolicy.MaximumLength, MinimumLength = 8)]
    public string? Password { get; set; }
}
