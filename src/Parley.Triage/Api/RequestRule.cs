using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Parley.Core.Configuration;
using Parley.Triage.Classification.Rules;
using Parley.Triage.Configuration;
using Parley.Triage.Pipeline;

namespace Parley.Triage.Api;

/// <summary>
/// A rule sent in a request, in the configuration's shape (<see cref="RuleOptions"/>), checked exactly as a rule of
/// <c>rules:</c> is at start-up — unknown keys and values that do not convert, <see cref="TriageOptionsValidator"/>,
/// then compiling (<see cref="TriageAccountMapping.RuleProblems"/>) — and every problem named by its key under
/// <c>rule</c> (<c>rule:conditions:0:value</c>).
/// </summary>
internal static class RequestRule
{
    public const string Key = "rule";
    private const string ConfigurationKey = TriageOptions.Section + ":rules:0";

    /// <summary>The compiled rule, or the problems by key (then the rule is null).</summary>
    public static (TriageRule? Rule, Dictionary<string, string[]> Errors) Parse(JsonElement? json)
    {
        if (json is not { ValueKind: JsonValueKind.Object } element)
        {
            return (null, new() { [Key] = [json is null || json.Value.ValueKind == JsonValueKind.Null ? "required" : "must be an object: a rule as in rules:"] });
        }
        var problems = new List<string>();
        var section = TriageSettingsDocument.Section(TriageSettingsDocument.FromJson(element));
        if (!ConfigurationKeyCheck.Check(section, typeof(RuleOptions), problems, new HashSet<string>(), Key))
        {
            return (null, ByKey(problems));
        }
        var rule = new RuleOptions();
        section.Bind(rule);
        // Which accounts a rule of the settings applies to does not matter here: the request names the account.
        rule.Accounts = [];
        var options = new TriageOptions { Rules = [rule] };
        EnvironmentReferences.Resolve(options);
        if (new TriageOptionsValidator().Validate(null, options) is { Failed: true } failed)
        {
            problems.AddRange(failed.Failures.Select(Rename));
        }
        problems.AddRange(TriageAccountMapping.RuleProblems(options).Select(Rename));
        return problems.Count > 0 ? (null, ByKey(problems)) : (TriageAccountMapping.ToRule(rule), []);
    }

    /// <summary><c>Triage:rules:0:conditions:0:value: reason</c> → <c>rule:conditions:0:value: reason</c>.</summary>
    private static string Rename(string problem) =>
        problem.StartsWith(ConfigurationKey, StringComparison.OrdinalIgnoreCase) ? Key + problem[ConfigurationKey.Length..] : problem;

    private static Dictionary<string, string[]> ByKey(IEnumerable<string> problems) => problems
        .Select(p => p.IndexOf(": ", StringComparison.Ordinal) is var at and > 0 ? (Key: p[..at], Reason: p[(at + 2)..]) : (Key, Reason: p))
        .GroupBy(e => e.Key, StringComparer.OrdinalIgnoreCase)
        .ToDictionary(g => g.Key, g => g.Select(e => e.Reason).ToArray());
}
