using Parley.Triage.Actions;
using Parley.Triage.Classification;
using Parley.Triage.Classification.Llm;

namespace Parley.Triage.Tests.Classification;

/// <summary>Reply validation on its own: every defect a named failure, Mailpilot's names and fenced replies accepted.</summary>
public sealed class LlmReplyTests
{
    private static readonly DecisionSource Source = DecisionSource.FromLlm("p", "m");
    private static readonly ClassifierSettings Settings = ClassifierHarness.Settings(null);

    private static ClassificationOutcome Validate(string reply, ClassifierSettings? settings = null) =>
        LlmReply.Validate(reply, settings ?? Settings, Source);

    [Theory]
    [InlineData("", ClassificationFailureCode.NotJson)]
    [InlineData("I think this is work mail.", ClassificationFailureCode.NotJson)]
    [InlineData("[1, 2]", ClassificationFailureCode.WrongShape)]
    [InlineData("""{"category":"work","confidence":0.9,"reasoning":"x"}""", ClassificationFailureCode.WrongShape)]
    [InlineData("""{"actions":[],"category":"work","confidence":0.9}""", ClassificationFailureCode.WrongShape)]
    [InlineData("""{"actions":[{"type":"archive"}],"category":"work"}""", ClassificationFailureCode.WrongShape)]
    [InlineData("""{"actions":[{"type":"archive"}],"category":"work","confidence":"high"}""", ClassificationFailureCode.WrongShape)]
    [InlineData("""{"actions":[{"type":"archive"}],"category":7,"confidence":0.9}""", ClassificationFailureCode.WrongShape)]
    [InlineData("""{"actions":["archive"],"category":"work","confidence":0.9}""", ClassificationFailureCode.WrongShape)]
    [InlineData("""{"actions":[{"type":"teleport"}],"category":"work","confidence":0.9}""", ClassificationFailureCode.WrongShape)]
    [InlineData("""{"actions":[{"type":"move"}],"category":"work","confidence":0.9}""", ClassificationFailureCode.WrongShape)]
    [InlineData("""{"actions":[{"type":"flag","flags":"\\Flagged"}],"category":"work","confidence":0.9}""", ClassificationFailureCode.WrongShape)]
    [InlineData("""{"actions":[{"type":"delete"}],"category":"work","confidence":0.9}""", ClassificationFailureCode.ActionNotAllowed)]
    [InlineData("""{"actions":[{"type":"move","folder":"Secret"}],"category":"work","confidence":0.9}""", ClassificationFailureCode.FolderNotAllowed)]
    [InlineData("""{"actions":[{"type":"archive"}],"category":"holiday","confidence":0.9}""", ClassificationFailureCode.CategoryNotAllowed)]
    [InlineData("""{"actions":[{"type":"archive"}],"category":"work","confidence":-0.1}""", ClassificationFailureCode.ConfidenceOutOfRange)]
    [InlineData("""{"actions":[{"type":"archive"}],"category":"work","confidence":1.7}""", ClassificationFailureCode.ConfidenceOutOfRange)]
    public void Each_defect_is_a_named_failure(string reply, ClassificationFailureCode code)
    {
        var failure = Assert.IsType<ClassificationFailure>(Validate(reply));
        Assert.Equal(code, failure.Code);
        Assert.Equal(Source, failure.Source);
    }

    [Fact]
    public void Forward_is_never_the_llms_to_choose_even_where_rules_may_forward()
    {
        var settings = Settings with { AllowedActions = new HashSet<TriageActionKind>(Settings.AllowedActions) { TriageActionKind.Forward } };
        var failure = Assert.IsType<ClassificationFailure>(
            Validate("""{"actions":[{"type":"forward"}],"category":"work","confidence":0.9}""", settings));
        Assert.Equal(ClassificationFailureCode.ActionNotAllowed, failure.Code);
    }

    [Fact]
    public void A_fenced_reply_with_mailpilots_action_names_is_read()
    {
        var decision = Assert.IsType<ClassificationDecision>(Validate("""
            ```json
            {"actions":[{"type":"read"},{"type":"noop"},{"type":"MOVE","folder":"work"}],"category":"Newsletter","confidence":0.8,"reasoning":null}
            ```
            """));

        Assert.Equal([TriageActionKind.MarkRead, TriageActionKind.None, TriageActionKind.Move], decision.Actions.Select(a => a.Kind));
        Assert.Equal("newsletter", decision.Category); // the configured spelling
        Assert.Null(decision.Reasoning);
    }

    [Fact]
    public void Without_configured_categories_or_folders_any_is_accepted()
    {
        var open = Settings with { Categories = [], AllowedFolders = null };
        var decision = Assert.IsType<ClassificationDecision>(
            Validate("""{"actions":[{"type":"move","folder":"Anything/Deep"}],"category":"whatever","confidence":0}""", open));
        Assert.Equal("Anything/Deep", decision.Actions[0].Folder);
        Assert.Equal(0, decision.Confidence);
    }
}
