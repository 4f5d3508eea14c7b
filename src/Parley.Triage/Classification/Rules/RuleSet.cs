using System.Globalization;
using System.Text.RegularExpressions;
using Parley.Triage.Emails;

namespace Parley.Triage.Classification.Rules;

/// <summary>
/// An account's rules, checked and compiled once (regular expressions with a time limit, so a pathological pattern on
/// a hostile email cannot stall a worker). <see cref="Create"/> refuses a set with any bad rule and names every one.
/// </summary>
public sealed class RuleSet
{
    public static readonly TimeSpan DefaultRegexTimeout = TimeSpan.FromMilliseconds(100);
    public static readonly RuleSet Empty = new([]);

    private readonly IReadOnlyList<CompiledRule> _rules;

    private RuleSet(IReadOnlyList<CompiledRule> rules) => _rules = rules;

    public IReadOnlyList<TriageRule> Rules => _rules.Select(r => r.Rule).ToList();

    /// <summary>Every problem in <paramref name="rules"/>, each naming its rule and condition; empty when all are good.</summary>
    public static IReadOnlyList<string> Validate(IReadOnlyList<TriageRule> rules, TimeSpan? regexTimeout = null)
    {
        var errors = new List<string>();
        Compile(rules, regexTimeout ?? DefaultRegexTimeout, errors);
        return errors;
    }

    /// <exception cref="InvalidRuleException">Any rule is bad; the message lists every problem.</exception>
    public static RuleSet Create(IReadOnlyList<TriageRule> rules, TimeSpan? regexTimeout = null)
    {
        var errors = new List<string>();
        var compiled = Compile(rules, regexTimeout ?? DefaultRegexTimeout, errors);
        if (errors.Count > 0) throw new InvalidRuleException(errors);
        return new RuleSet(compiled);
    }

    /// <summary>
    /// The first matching rule's decision, a <see cref="ClassificationFailureCode.RuleTimeout"/> failure when a pattern
    /// ran out of time (the email is left for the dead letter rather than silently passed to the LLM), or null.
    /// </summary>
    public ClassificationOutcome? Evaluate(TriageEmail email)
    {
        foreach (var rule in _rules)
        {
            try
            {
                if (!rule.Matches(email)) continue;
            }
            catch (RegexMatchTimeoutException)
            {
                return new ClassificationFailure(ClassificationFailureCode.RuleTimeout,
                    $"Rule '{rule.Rule.Name}': its regular expression ran longer than its time limit on this email.",
                    DecisionSource.FromRule(rule.Rule.Name));
            }
            return new ClassificationDecision(rule.Rule.Actions, rule.Rule.Category, 1.0,
                $"Rule '{rule.Rule.Name}' matched.", DecisionSource.FromRule(rule.Rule.Name));
        }
        return null;
    }

    private static List<CompiledRule> Compile(IReadOnlyList<TriageRule> rules, TimeSpan regexTimeout, List<string> errors)
    {
        var compiled = new List<CompiledRule>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            var label = string.IsNullOrWhiteSpace(rule.Name) ? $"rules[{i}]" : $"rule '{rule.Name}'";
            var before = errors.Count;
            if (string.IsNullOrWhiteSpace(rule.Name)) errors.Add($"{label}: name is required.");
            else if (!names.Add(rule.Name)) errors.Add($"{label}: the name is used by another rule.");
            if (rule.Conditions.Count == 0) errors.Add($"{label}: at least one condition is required.");
            if (rule.Actions.Count == 0) errors.Add($"{label}: at least one action is required.");
            var conditions = new List<CompiledCondition>();
            for (var c = 0; c < rule.Conditions.Count; c++)
            {
                var condition = CompiledCondition.Create(rule.Conditions[c], regexTimeout, out var error);
                if (error is not null) errors.Add($"{label}, conditions[{c}]: {error}");
                else conditions.Add(condition!);
            }
            if (errors.Count == before) compiled.Add(new CompiledRule(rule, conditions));
        }
        return compiled;
    }

    private sealed record CompiledRule(TriageRule Rule, IReadOnlyList<CompiledCondition> Conditions)
    {
        public bool Matches(TriageEmail email) => Rule.Match == RuleMatch.All
            ? Conditions.All(c => c.Matches(email))
            : Conditions.Any(c => c.Matches(email));
    }
}

/// <summary>A rule set with bad rules; <see cref="Errors"/> names each.</summary>
public sealed class InvalidRuleException(IReadOnlyList<string> errors)
    : Exception("Invalid triage rules: " + string.Join(" ", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}

/// <summary>One condition made ready to run: its regex compiled, its number parsed.</summary>
internal sealed class CompiledCondition
{
    private readonly RuleCondition _condition;
    private readonly Regex? _regex;
    private readonly long _number;
    private readonly bool _flag;

    private CompiledCondition(RuleCondition condition, Regex? regex, long number, bool flag)
    {
        _condition = condition;
        _regex = regex;
        _number = number;
        _flag = flag;
    }

    public static CompiledCondition? Create(RuleCondition condition, TimeSpan regexTimeout, out string? error)
    {
        error = null;
        var (field, op, value) = (condition.Field, condition.Operator, condition.Value ?? "");
        switch (field)
        {
            case RuleField.Size:
                if (op is not (RuleOperator.Greater or RuleOperator.Less or RuleOperator.Equals))
                    error = $"size takes greater, less or equals, not {Name(op)}.";
                else if (!long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var bytes) || bytes < 0)
                    error = $"size needs a number of bytes, not '{value}'.";
                else return new CompiledCondition(condition, null, bytes, false);
                return null;
            case RuleField.HasAttachment:
                if (op != RuleOperator.Equals) error = $"has_attachment takes equals, not {Name(op)}.";
                else if (!bool.TryParse(value, out var flag)) error = $"has_attachment needs true or false, not '{value}'.";
                else return new CompiledCondition(condition, null, 0, flag);
                return null;
        }
        if (op is RuleOperator.Greater or RuleOperator.Less)
        {
            error = $"{Name(op)} compares sizes; {Name(field)} takes contains, equals or regex.";
            return null;
        }
        if (field == RuleField.Header && string.IsNullOrWhiteSpace(condition.Header))
        {
            error = "a header condition needs the header's name.";
            return null;
        }
        if (op != RuleOperator.Regex) return new CompiledCondition(condition, null, 0, false);
        try
        {
            var regex = new Regex(value, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, regexTimeout);
            return new CompiledCondition(condition, regex, 0, false);
        }
        catch (ArgumentException e)
        {
            error = $"invalid regular expression '{value}': {e.Message}";
            return null;
        }
    }

    public bool Matches(TriageEmail email) => _condition.Field switch
    {
        RuleField.Size => _condition.Operator switch
        {
            RuleOperator.Greater => email.Size > _number,
            RuleOperator.Less => email.Size < _number,
            _ => email.Size == _number,
        },
        RuleField.HasAttachment => email.Attachments.Count > 0 == _flag,
        _ => Values(email).Any(MatchesText),
    };

    private IEnumerable<string> Values(TriageEmail email) => _condition.Field switch
    {
        RuleField.From => [email.From ?? ""],
        RuleField.To => email.To,
        RuleField.Cc => email.Cc,
        RuleField.Subject => [email.Subject ?? ""],
        RuleField.Body => [email.TextBody],
        RuleField.Header => email.Headers
            .Where(h => string.Equals(h.Key, _condition.Header, StringComparison.OrdinalIgnoreCase))
            .Select(h => h.Value),
        RuleField.AttachmentName => email.Attachments.Select(a => a.FileName),
        RuleField.AttachmentType => email.Attachments.Select(a => a.ContentType),
        _ => [],
    };

    private bool MatchesText(string text) => _condition.Operator switch
    {
        RuleOperator.Contains => text.Contains(_condition.Value, StringComparison.OrdinalIgnoreCase),
        RuleOperator.Equals => string.Equals(text.Trim(), _condition.Value.Trim(), StringComparison.OrdinalIgnoreCase),
        RuleOperator.Regex => _regex!.IsMatch(text),
        _ => false,
    };

    private static string Name(RuleOperator op) => op.ToString().ToLowerInvariant();

    private static string Name(RuleField field) => field switch
    {
        RuleField.HasAttachment => "has_attachment",
        RuleField.AttachmentName => "attachment_name",
        RuleField.AttachmentType => "attachment_type",
        _ => field.ToString().ToLowerInvariant(),
    };
}
