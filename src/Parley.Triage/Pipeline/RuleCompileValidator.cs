using Microsoft.Extensions.Options;
using Parley.Triage.Configuration;

namespace Parley.Triage.Pipeline;

/// <summary>
/// Start-up check that every rule compiles as the classifier will run it (a pattern .NET's regex engine rejects with
/// the options the classifier uses, an attachment count it cannot test), each problem named by its key.
/// </summary>
internal sealed class RuleCompileValidator : IValidateOptions<TriageOptions>
{
    public ValidateOptionsResult Validate(string? name, TriageOptions options)
    {
        var problems = TriageAccountMapping.RuleProblems(options).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
