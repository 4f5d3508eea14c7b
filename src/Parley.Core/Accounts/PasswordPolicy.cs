using Microsoft.Extensions.Options;

namespace Parley.Core.Accounts;

/// <summary>What a new password must be: long enough to resist guessing, short enough to hash cheaply.</summary>
public sealed class PasswordPolicy(IOptionsMonitor<AuthOptions> options)
{
    public const int MaximumLength = 256;

    /// <summary>Why <paramref name="password"/> is not acceptable, or null when it is.</summary>
    public string? Check(string? password)
    {
        var minimum = options.CurrentValue.MinimumPasswordLength;
        if (string.IsNullOrEmpty(password) || password.Length < minimum)
        {
            return $"must be at least {minimum} characters";
        }
        return password.Length > MaximumLength ? $"must be at most {MaximumLength} characters" : null;
    }
}
