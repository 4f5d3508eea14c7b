using Parley.Triage.Actions;
using Parley.Triage.Classification;
using Parley.Triage.Classification.Rules;
using Parley.Triage.Emails;

namespace Parley.Triage.Tests.Classification;

/// <summary>Rules: each field and operator, all/any, first match wins, regex errors named and regex time bounded.</summary>
public sealed class RuleSetTests
{
    private static readonly TriageAction MoveToReports = new(TriageActionKind.Move, Folder: "Reports");

    private static TriageRule Rule(string name, RuleMatch match, params RuleCondition[] conditions) =>
        new(name, match, conditions, [MoveToReports], "reports");

    private static bool Matches(RuleCondition condition, TriageEmail email) =>
        RuleSet.Create([Rule("r", RuleMatch.All, condition)]).Evaluate(email) is ClassificationDecision;

    public static TheoryData<RuleCondition, bool> Conditions() => new()
    {
        { new(RuleField.From, RuleOperator.Contains, "@EXAMPLE.com"), true },
        { new(RuleField.From, RuleOperator.Contains, "@other.example"), false },
        { new(RuleField.From, RuleOperator.Equals, "alice example <alice@example.com>"), true },
        { new(RuleField.From, RuleOperator.Equals, "alice@example.com"), false },
        { new(RuleField.From, RuleOperator.Regex, @"^alice .*<alice@example\.com>$"), true },
        { new(RuleField.To, RuleOperator.Equals, "team@parley.test"), true },
        { new(RuleField.To, RuleOperator.Contains, "nobody"), false },
        { new(RuleField.Cc, RuleOperator.Contains, "carol@"), true },
        { new(RuleField.Cc, RuleOperator.Regex, "^dave@"), false },
        { new(RuleField.Subject, RuleOperator.Contains, "quarterly"), true },
        { new(RuleField.Subject, RuleOperator.Equals, "Quarterly report"), true },
        { new(RuleField.Subject, RuleOperator.Regex, @"\bmonthly\b"), false },
        { new(RuleField.Header, RuleOperator.Contains, "newsletter", Header: "list-id"), true },
        { new(RuleField.Header, RuleOperator.Equals, "bulk", Header: "Precedence"), true },
        { new(RuleField.Header, RuleOperator.Regex, "^auto-", Header: "Auto-Submitted"), false },
        { new(RuleField.Body, RuleOperator.Contains, "INVOICE"), true },
        { new(RuleField.Body, RuleOperator.Regex, @"invoice #\d+"), true },
        { new(RuleField.Body, RuleOperator.Equals, "invoice"), false },
        { new(RuleField.Size, RuleOperator.Greater, "1000"), true },
        { new(RuleField.Size, RuleOperator.Greater, "5000"), false },
        { new(RuleField.Size, RuleOperator.Less, "5000"), true },
        { new(RuleField.Size, RuleOperator.Less, "1000"), false },
        { new(RuleField.Size, RuleOperator.Equals, "2048"), true },
        { new(RuleField.HasAttachment, RuleOperator.Equals, "true"), true },
        { new(RuleField.HasAttachment, RuleOperator.Equals, "false"), false },
        { new(RuleField.AttachmentName, RuleOperator.Regex, @"\.pdf$"), true },
        { new(RuleField.AttachmentName, RuleOperator.Contains, ".exe"), false },
        { new(RuleField.AttachmentType, RuleOperator.Equals, "application/pdf"), true },
        { new(RuleField.AttachmentType, RuleOperator.Contains, "image/"), false },
    };

    private static readonly TriageEmail Email = TestEmails.Make(
        to: ["bob@parley.test", "team@parley.test"],
        cc: ["carol@parley.test"],
        body: "Hello, invoice #4711 is due.",
        headers: [new("List-Id", "Weekly Newsletter <news.example.com>"), new("Precedence", "bulk")],
        size: 2_048,
        attachments: [new TriageAttachment("report.pdf", "application/pdf", 1_000, null)]);

    [Theory, MemberData(nameof(Conditions))]
    public void Each_field_and_operator_tests_the_email(RuleCondition condition, bool expected) =>
        Assert.Equal(expected, Matches(condition, Email));

    [Fact]
    public void An_email_without_attachments_has_none_to_match()
    {
        var plain = TestEmails.Make();
        Assert.True(Matches(new(RuleField.HasAttachment, RuleOperator.Equals, "false"), plain));
        Assert.False(Matches(new(RuleField.AttachmentName, RuleOperator.Regex, "."), plain));
    }

    [Fact]
    public void A_missing_subject_is_empty_text()
    {
        var email = TestEmails.Make(subject: null);
        Assert.True(Matches(new(RuleField.Subject, RuleOperator.Equals, ""), email));
        Assert.False(Matches(new(RuleField.Subject, RuleOperator.Contains, "report"), email));
    }

    [Fact]
    public void All_needs_every_condition_and_any_needs_one()
    {
        var hit = new RuleCondition(RuleField.Subject, RuleOperator.Contains, "report");
        var miss = new RuleCondition(RuleField.From, RuleOperator.Contains, "@elsewhere.example");
        var email = TestEmails.Make();

        Assert.Null(RuleSet.Create([Rule("all", RuleMatch.All, hit, miss)]).Evaluate(email));
        Assert.IsType<ClassificationDecision>(RuleSet.Create([Rule("any", RuleMatch.Any, hit, miss)]).Evaluate(email));
        Assert.IsType<ClassificationDecision>(RuleSet.Create([Rule("all-hit", RuleMatch.All, hit, hit)]).Evaluate(email));
    }

    [Fact]
    public void The_first_matching_rule_decides_alone_with_confidence_one()
    {
        var rules = RuleSet.Create(
        [
            Rule("no", RuleMatch.All, new RuleCondition(RuleField.Subject, RuleOperator.Contains, "invoice")),
            new TriageRule("first", RuleMatch.All, [new RuleCondition(RuleField.Subject, RuleOperator.Contains, "report")],
                [new TriageAction(TriageActionKind.Flag, Flags: ["\\Flagged"]), new TriageAction(TriageActionKind.MarkRead)], "work"),
            Rule("second", RuleMatch.All, new RuleCondition(RuleField.Subject, RuleOperator.Contains, "quarterly")),
        ]);

        var decision = Assert.IsType<ClassificationDecision>(rules.Evaluate(TestEmails.Make()));

        Assert.Equal(DecisionSourceKind.Rule, decision.Source.Kind);
        Assert.Equal("first", decision.Source.Rule);
        Assert.Equal(1.0, decision.Confidence);
        Assert.Equal("work", decision.Category);
        Assert.Equal([TriageActionKind.Flag, TriageActionKind.MarkRead], decision.Actions.Select(a => a.Kind));
    }

    [Fact]
    public void An_invalid_pattern_and_other_bad_rules_are_named_each()
    {
        IReadOnlyList<TriageRule> rules =
        [
            Rule("broken-regex", RuleMatch.All, new RuleCondition(RuleField.Subject, RuleOperator.Regex, "([unclosed")),
            Rule("bad-size", RuleMatch.All, new RuleCondition(RuleField.Size, RuleOperator.Greater, "big")),
            Rule("size-contains", RuleMatch.All, new RuleCondition(RuleField.Size, RuleOperator.Contains, "1")),
            Rule("greater-subject", RuleMatch.All, new RuleCondition(RuleField.Subject, RuleOperator.Greater, "1")),
            Rule("no-header-name", RuleMatch.All, new RuleCondition(RuleField.Header, RuleOperator.Contains, "x")),
            new TriageRule("no-conditions", RuleMatch.All, [], [MoveToReports]),
            new TriageRule("no-actions", RuleMatch.All, [new RuleCondition(RuleField.Subject, RuleOperator.Contains, "x")], []),
            Rule("broken-regex", RuleMatch.All, new RuleCondition(RuleField.Subject, RuleOperator.Contains, "dup")),
        ];

        var errors = RuleSet.Validate(rules);
        var refused = Assert.Throws<InvalidRuleException>(() => RuleSet.Create(rules));

        Assert.Equal(errors, refused.Errors);
        Assert.Contains(errors, e => e.StartsWith("rule 'broken-regex', conditions[0]: invalid regular expression '([unclosed'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("rule 'bad-size', conditions[0]: size needs a number", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("rule 'size-contains'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("rule 'greater-subject'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("rule 'no-header-name'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("rule 'no-conditions'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("rule 'no-actions'", StringComparison.Ordinal));
        Assert.Contains("rule 'broken-regex': the name is used by another rule.", errors);
        Assert.Empty(RuleSet.Validate([Rule("fine", RuleMatch.All, new RuleCondition(RuleField.Subject, RuleOperator.Regex, "^ok$"))]));
    }

    [Fact]
    public void A_regex_that_runs_past_its_time_limit_is_a_named_failure_not_a_pass_to_the_llm()
    {
        // Catastrophic backtracking: nested quantifiers against a long run of 'a' that finally fails.
        var rules = RuleSet.Create(
            [Rule("slow", RuleMatch.All, new RuleCondition(RuleField.Body, RuleOperator.Regex, "^(a+)+$"))],
            TimeSpan.FromMilliseconds(20));

        var outcome = rules.Evaluate(TestEmails.Make(body: new string('a', 5_000) + "!"));

        var failure = Assert.IsType<ClassificationFailure>(outcome);
        Assert.Equal(ClassificationFailureCode.RuleTimeout, failure.Code);
        Assert.Equal("rule_timeout", failure.CodeName);
        Assert.Equal("slow", failure.Source?.Rule);
        Assert.Contains("'slow'", failure.Message, StringComparison.Ordinal);
    }
}
