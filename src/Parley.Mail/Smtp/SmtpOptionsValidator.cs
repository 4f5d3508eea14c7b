using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Parley.Mail.Smtp;

/// <summary>Checks <c>Mail:Smtp</c> and <c>Mail:Inbound:BlockedSenders</c>, which the data annotations on <see cref="MailOptions"/> do not reach.</summary>
internal sealed class SmtpOptionsValidator : IValidateOptions<MailOptions>
{
    public ValidateOptionsResult Validate(string? name, MailOptions options)
    {
        var failures = new List<string>();
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options.Smtp, new ValidationContext(options.Smtp), results, validateAllProperties: true);
        foreach (var result in results)
        {
            foreach (var member in result.MemberNames)
            {
                failures.Add($"{MailOptions.Section}:Smtp:{member}: {result.ErrorMessage}");
            }
        }
        if (!string.IsNullOrWhiteSpace(options.Smtp.CertificatePath) && !File.Exists(options.Smtp.CertificatePath))
        {
            failures.Add($"{MailOptions.Section}:Smtp:CertificatePath: no file at '{options.Smtp.CertificatePath}'");
        }
        for (var i = 0; i < options.Inbound.BlockedSenders.Count; i++)
        {
            var entry = options.Inbound.BlockedSenders[i]?.Trim() ?? "";
            var at = entry.LastIndexOf('@');
            if (at < 0 || at == entry.Length - 1 || entry.Contains(' ', StringComparison.Ordinal))
            {
                failures.Add($"{MailOptions.Section}:Inbound:BlockedSenders:{i}: '{entry}' is neither an address (user@example.com) nor a domain (@example.com)");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
