using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Parley.Mail.Outbound;

/// <summary>
/// Checks <c>Mail:Outbound</c> at start-up: data annotations do not reach nested sections on their own,
/// and the retry schedule is a string that has to parse.
/// </summary>
internal sealed class OutboundOptionsValidator : IValidateOptions<MailOptions>
{
    public ValidateOptionsResult Validate(string? name, MailOptions options)
    {
        var failures = new List<string>();
        Check(options.Outbound, "Mail:Outbound", failures);
        Check(options.Outbound.Relay, "Mail:Outbound:Relay", failures);
        if (!RetrySchedule.TryParse(options.Outbound.RetrySchedule, out _, out var error))
        {
            failures.Add("Mail:Outbound:RetrySchedule: " + error);
        }
        if (!string.IsNullOrEmpty(options.Outbound.Relay.Password) && string.IsNullOrEmpty(options.Outbound.Relay.Username))
        {
            failures.Add("Mail:Outbound:Relay:Password: set Mail:Outbound:Relay:Username too");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(object section, string prefix, List<string> failures)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(section, new ValidationContext(section), results, validateAllProperties: true))
        {
            failures.AddRange(results.Select(r => $"{prefix}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));
        }
    }
}
