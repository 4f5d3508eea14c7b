using Parley.Triage.Actions;
using Parley.Triage.Configuration;
using Parley.Triage.Pipeline;
using Parley.Triage.Tests.Classification;
using Parley.Triage.Tests.Configuration;

namespace Parley.Triage.Tests.Pipeline;

/// <summary>Configuration to what the IMAP and classification parts take; rule problems only compiling finds, named by key.</summary>
public sealed class TriageAccountMappingTests
{
    private const string Yaml = """
        triage:
          dry_run: true
          polling_interval: 45s
          llm_providers:
            - name: local
              api_url: http://127.0.0.1:11434/v1/chat/completions
              default_model: llama
          accounts:
            - name: work
              imap: { host: imap.example.com, port: 993, tls: tls, username: me, password: pw }
              folders: { watch: [INBOX, Lists], mode: predefined, allowed: [Archive, Receipts] }
              allowed_actions: [move, flag]
              minimum_confidence: 0.8
              dry_run: false
            - name: home
              imap: { host: imap.example.org, username: me, password: pw }
          rules:
            - name: receipts
              accounts: [work]
              conditions: [{ field: attachment, op: greater, value: "0" }, { field: subject, op: regex, value: "rec(e)?ipt" }]
              actions: [{ type: move, folder: Receipts }]
        """;

    [Fact]
    public void Each_account_gets_its_imap_settings_classifier_settings_and_only_its_rules()
    {
        using var config = new TriageConfiguration(Yaml);
        var accounts = TriageAccountMapping.From(config.Options());

        var work = accounts.Single(a => a.Name == "work");
        Assert.Equal(["INBOX", "Lists"], work.Imap.WatchFolders);
        Assert.Equal(Parley.Triage.Imap.ImapTlsMode.Tls, work.Imap.Tls);
        Assert.False(work.Imap.DryRun); // the account's own dry_run wins
        Assert.Equal(TimeSpan.FromSeconds(45), work.Imap.PollingInterval);
        Assert.Equal(["Archive", "Receipts"], work.Classifier.AllowedFolders);
        Assert.Equal(new HashSet<TriageActionKind> { TriageActionKind.Move, TriageActionKind.Flag }, work.Classifier.AllowedActions);
        Assert.Equal(0.8, work.Classifier.MinimumConfidence);
        Assert.Equal("local", work.Classifier.Provider?.Name);
        var rule = Assert.Single(work.Classifier.Rules.Rules);
        Assert.Equal(Parley.Triage.Classification.Rules.RuleField.HasAttachment, rule.Conditions[0].Field);
        var withReceipt = TestEmails.Make() with
        {
            Subject = "Your receipt",
            Attachments = [new Emails.TriageAttachment("r.pdf", "application/pdf", 10, null)],
        };
        Assert.NotNull(work.Classifier.Rules.Evaluate(withReceipt));

        var home = accounts.Single(a => a.Name == "home");
        Assert.True(home.Imap.DryRun); // the global dry_run
        Assert.Empty(home.Classifier.Rules.Rules);
        Assert.NotEqual(work.Fingerprint, home.Fingerprint);
    }

    [Fact]
    public void A_rule_the_classifier_cannot_compile_is_a_start_up_error_named_by_key()
    {
        var options = new TriageOptions
        {
            Rules =
            [
                new RuleOptions
                {
                    Name = "many attachments",
                    Conditions = [new RuleConditionOptions { Field = RuleField.Attachment, Op = RuleOperator.Greater, Value = "3" }],
                    Actions = [new RuleActionOptions { Type = "flag", Flags = ["\\Flagged"] }],
                },
            ],
        };

        var result = new RuleCompileValidator().Validate(null, options);

        Assert.True(result.Failed);
        var problem = Assert.Single(result.Failures!);
        Assert.StartsWith("Triage:rules:0: rule 'many attachments', conditions[0]:", problem, StringComparison.Ordinal);
    }
}
