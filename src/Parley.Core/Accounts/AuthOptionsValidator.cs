using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Parley.Core.Accounts;

/// <summary>Checks the nested <c>Auth:Argon2</c> and <c>Auth:Lockout</c> sections, which data annotations do not reach.</summary>
internal sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        Check(options.Argon2, "Argon2", failures);
        Check(options.Lockout, "Lockout", failures);
        if (options.Argon2.MemoryKiB < 8 * options.Argon2.Lanes)
        {
            failures.Add($"{AuthOptions.Section}:Argon2:MemoryKiB: must be at least 8 × Lanes ({8 * options.Argon2.Lanes})");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(object section, string sectionName, List<string> failures)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(section, new ValidationContext(section), results, validateAllProperties: true);
        foreach (var result in results)
        {
            foreach (var member in result.MemberNames)
            {
                failures.Add($"{AuthOptions.Section}:{sectionName}:{member}: {result.ErrorMessage}");
            }
        }
    }
}
