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

    private const string KeysYaml = """
        triage:
          accounts:
            - name: tuned
              imap: { host: imap.example.com, username: me@example.com, password: pw, timeout: 20s }
              folders: { mode: predefined, allowed: [Work], archive_folder: Old, trash_folder: Bin, junk_folder: Spam }
              review_folder: Review
              categories: [work, newsletter]
              private_senders: [doctor@clinic.example, "@bank.example"]
              use_idle: false
              idle_refresh: 4m
              reconnect_initial_delay: 3s
              reconnect_max_delay: 2m
              forward: { from: triage@example.com, smtp: { host: smtp.example.com, port: 465, tls: tls } }
            - name: plain
              imap: { host: imap.example.com, username: me, password: pw }
        """;

    [Fact]
    public void The_connection_keys_reach_the_imap_account()
    {
        using var config = new TriageConfiguration(KeysYaml);
        Assert.Empty(config.Problems());
        var accounts = TriageAccountMapping.From(config.Options());

        var tuned = accounts.Single(a => a.Name == "tuned").Imap;
        Assert.Equal(TimeSpan.FromSeconds(20), tuned.Timeout);
        Assert.False(tuned.UseIdle);
        Assert.Equal(TimeSpan.FromMinutes(4), tuned.IdleRefresh);
        Assert.Equal(TimeSpan.FromSeconds(3), tuned.ReconnectInitialDelay);
        Assert.Equal(TimeSpan.FromMinutes(2), tuned.ReconnectMaxDelay);
        Assert.Equal(("Old", "Bin", "Spam"), (tuned.ArchiveFolder, tuned.TrashFolder, tuned.JunkFolder));

        var plain = accounts.Single(a => a.Name == "plain").Imap;
        Assert.Equal(TimeSpan.FromSeconds(60), plain.Timeout);
        Assert.True(plain.UseIdle);
        Assert.Equal(TimeSpan.FromMinutes(9), plain.IdleRefresh);
        Assert.Equal((TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5)), (plain.ReconnectInitialDelay, plain.ReconnectMaxDelay));
        Assert.Equal(("Archive", "Trash", "Junk"), (plain.ArchiveFolder, plain.TrashFolder, plain.JunkFolder));
    }

    [Fact]
    public void The_review_folder_categories_and_private_senders_reach_the_classifier()
    {
        using var config = new TriageConfiguration(KeysYaml);
        var accounts = TriageAccountMapping.From(config.Options());

        var tuned = accounts.Single(a => a.Name == "tuned");
        Assert.Equal("Review", tuned.Classifier.ReviewFolder);
        // the LLM may name only the allowed folders; the IMAP part may also move into the review folder
        Assert.Equal(["Work"], tuned.Classifier.AllowedFolders);
        Assert.Equal(["Work", "Review"], tuned.Imap.AllowedFolders);
        Assert.Equal(["work", "newsletter"], tuned.Classifier.Categories);
        Assert.Equal(["doctor@clinic.example", "@bank.example"], tuned.Classifier.PrivateSenders);

        var plain = accounts.Single(a => a.Name == "plain");
        Assert.Null(plain.Classifier.ReviewFolder);
        Assert.Empty(plain.Classifier.Categories);
        Assert.Empty(plain.Classifier.PrivateSenders);
    }

    [Fact]
    public void The_forward_keys_reach_the_account()
    {
        using var config = new TriageConfiguration(KeysYaml);
        var accounts = TriageAccountMapping.From(config.Options());

        var forward = accounts.Single(a => a.Name == "tuned").Forward;
        Assert.Equal(("triage@example.com", "smtp.example.com", 465, ImapTlsMode.Tls), (forward.From, forward.Smtp.Host, forward.Smtp.Port, forward.Smtp.Tls));
        Assert.Null(accounts.Single(a => a.Name == "plain").Forward.Smtp.Host);
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

    [Fact]
    public void Images_are_read_only_for_accounts_whose_provider_has_vision_with_extract_images_on_and_not_private()
    {
        using var config = new TriageConfiguration("""
            triage:
              attachments: { enabled: true, extract_images: true, max_images: 2, max_size_mb: 1 }
              llm_providers:
                - { name: eyes, api_url: "http://127.0.0.1:1/v1", default_model: m, supports_vision: true }
                - { name: blind, api_url: "http://127.0.0.1:1/v1", default_model: m }
              accounts:
                - { name: seeing, llm_provider: eyes, imap: { host: h, username: u, password: p } }
                - { name: private, llm_provider: eyes, private: true, imap: { host: h, username: u, password: p } }
                - { name: text-only, llm_provider: blind, imap: { host: h, username: u, password: p } }
                - { name: own-off, llm_provider: eyes, attachments: { enabled: true }, imap: { host: h, username: u, password: p } }
            """);
        var accounts = TriageAccountMapping.From(config.Options()).ToDictionary(a => a.Name);

        var seeing = accounts["seeing"];
        Assert.True(seeing.Classifier.Provider!.SupportsVision);
        Assert.Equal((2, 1024L * 1024), (seeing.Imap.Images!.MaxImages, seeing.Imap.Images.MaxBytes));
        Assert.Null(accounts["private"].Imap.Images);
        Assert.False(accounts["text-only"].Classifier.Provider!.SupportsVision);
        Assert.Null(accounts["text-only"].Imap.Images);
        Assert.Null(accounts["own-off"].Imap.Images); // the account's own attachments replace the global ones
    }
}
