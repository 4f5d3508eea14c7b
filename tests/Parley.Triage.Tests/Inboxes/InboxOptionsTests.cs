using Parley.Triage.Actions;
using Parley.Triage.Classification;
using Parley.Triage.Configuration;
using Parley.Triage.Inboxes;
using Parley.Triage.Tests.Configuration;

namespace Parley.Triage.Tests.Inboxes;

/// <summary><c>triage.inboxes[]</c>: bound, checked with every bad key named, and mapped onto the classifier's settings.</summary>
public sealed class InboxOptionsTests
{
    private const string Yaml = """
        triage:
          confidence:
            minimum_threshold: 0.6
          default_prompt: Sort the mail.
          llm_providers:
            - name: local
              api_url: http://127.0.0.1:9/v1/chat/completions
              default_model: small
            - name: big
              api_url: http://127.0.0.1:9/v1
              default_model: large
              max_body_tokens: 100
          rules:
            - name: everyone
              conditions: [{ field: subject, value: hello }]
              actions: [{ type: label, labels: [greeting] }]
            - name: support only
              accounts: [inbox:support@example.com]
              conditions: [{ field: attachment, op: greater, value: "0" }]
              actions: [{ type: move, folder: Files }]
          inboxes:
            - address: Support@Example.com
              allowed_actions: [label, archive]
              llm: { provider: big, model: huge }
              minimum_confidence: 0.8
            - inbox_id: 0198a3c4-0000-7000-8000-000000000001
              private: true
              private_senders: [ceo@example.com, "@legal.example"]
              dry_run: true
        """;

    [Fact]
    public void Inboxes_bind_and_map_onto_classifier_settings()
    {
        using var config = new TriageConfiguration(Yaml);
        Assert.Empty(config.Problems());
        var options = config.Options();
        var support = InboxClassifierSettings.For(options.Inboxes[0], options);
        Assert.Equal("inbox:support@example.com", support.AccountName);
        Assert.Equal(new HashSet<TriageActionKind> { TriageActionKind.Label, TriageActionKind.Archive }, support.AllowedActions);
        Assert.Equal(("big", "huge", 100, 0.8), (support.Provider!.Name, support.Model, support.Provider.MaxBodyTokens, support.MinimumConfidence));
        Assert.Equal(Parley.Triage.Classification.LlmProviderKind.OpenAiCompatible, support.Provider.Kind);
        Assert.Equal("Sort the mail.", support.Prompt);
        Assert.Equal(["everyone", "support only"], support.Rules.Rules.Select(r => r.Name));
        Assert.Equal(Parley.Triage.Classification.Rules.RuleField.HasAttachment, support.Rules.Rules[1].Conditions[0].Field);

        var byId = InboxClassifierSettings.For(options.Inboxes[1], options);
        Assert.Equal("inbox:0198a3c4-0000-7000-8000-000000000001", byId.AccountName);
        Assert.True(byId.Private);
        Assert.Equal(["ceo@example.com", "@legal.example"], byId.PrivateSenders);
        Assert.Empty(support.PrivateSenders);
        Assert.True(options.Inboxes[1].DryRun);
        Assert.Equal(("local", 0.6), (byId.Provider!.Name, byId.MinimumConfidence));
        Assert.DoesNotContain(TriageActionKind.Forward, byId.AllowedActions);
        Assert.Equal(["everyone"], byId.Rules.Rules.Select(r => r.Name));
    }

    [Fact]
    public void Every_bad_inbox_key_is_named()
    {
        using var config = new TriageConfiguration("""
            triage:
              inboxes:
                - allowed_actions: [explode]
                - address: not-an-address
                  minimum_confidence: 2
                  llm_provider: nowhere
                - address: a@b.test
                  inbox_id: 0198a3c4-0000-7000-8000-000000000001
                - address: x@y.test
                - address: X@Y.test
                  llm: { provider: missing }
                - address: z@y.test
                  llm_provider: one
                  llm: { provider: other }
                  private_senders: [not an address]
              llm_providers:
                - { name: one, api_url: "http://127.0.0.1:9/v1", default_model: m }
                - { name: other, api_url: "http://127.0.0.1:9/v1", default_model: m }
            """);
        Assert.Equal(
        [
            "Triage:inboxes:0:address: give address or inbox_id (one of them)",
            "Triage:inboxes:0:allowed_actions:0: unknown action 'explode' (one of none, move, copy, flag, unflag, label, unlabel, mark_read, mark_unread, archive, delete, spam, forward)",
            "Triage:inboxes:1:address: must be an address (local@domain)",
            "Triage:inboxes:1:minimum_confidence: must be 0–1",
            "Triage:inboxes:1:llm_provider: no LLM provider is named 'nowhere'",
            "Triage:inboxes:2:address: give address or inbox_id (one of them)",
            "Triage:inboxes:4:address: this inbox is listed twice",
            "Triage:inboxes:4:llm:provider: no LLM provider is named 'missing'",
            "Triage:inboxes:5:llm:provider: disagrees with llm_provider; give one",
            "Triage:inboxes:5:private_senders:0: must be an address (a@b.example) or a domain (@b.example)",
        ], config.Problems());
    }
}
