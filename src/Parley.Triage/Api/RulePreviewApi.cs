using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Parley.Core.Http;
using Parley.Core.Security;
using Parley.Triage.Classification;
using Parley.Triage.Classification.Rules;
using Parley.Triage.Configuration;
using Parley.Triage.Dashboard;

namespace Parley.Triage.Api;

/// <summary>
/// <c>POST /api/triage/rules/preview</c>: a rule (not saved) tried on an account's newest emails — which match and what
/// the rule would do. The mailbox is read on a connection of its own, read-only (<see cref="ReadOnlyMailbox"/>); the
/// account's watcher keeps running and nothing is acted on or recorded.
/// </summary>
internal static class RulePreviewApi
{
    public const string ImapFailedCode = "triage_imap_failed";

    public static void MapTriageRulePreviewApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/triage/rules/preview", PreviewAsync).WithTags("Triage")
            // As AccountsApi: the permission marks the endpoint signed-in-only for Core's endpoint-security contract;
            // the policy decides who may call it.
            .RequireTriageDashboard();
    }

    private static async Task<Results<Ok<RulePreviewAnswer>, ProblemHttpResult>> PreviewAsync(
        RulePreviewRequest body, IOptionsMonitor<TriageOptions> monitor, ReadOnlyMailbox mailbox, CancellationToken ct)
    {
        var options = monitor.CurrentValue;
        var (rule, errors) = RequestRule.Parse(body.Rule);
        if (string.IsNullOrWhiteSpace(body.Account))
        {
            errors["account"] = ["required"];
        }
        if (body.Count is < 1)
        {
            errors["count"] = ["must be at least 1"];
        }
        if (errors.Count > 0)
        {
            return ApiProblem.Validation(errors);
        }
        if (RequestAccounts.Find(options, body.Account!) is not { } configured)
        {
            return ApiProblem.NotFound(RequestAccounts.NotFoundCode, $"No Triage account is named '{body.Account}'.");
        }
        var limit = options.Sandbox.PreviewLimit;
        var count = Math.Min(body.Count ?? limit, limit);
        var mapped = RequestAccounts.Map(options, configured);
        if (RequestAccounts.WatchedFolder(mapped, body.Folder) is not { } folder)
        {
            return ApiProblem.Validation(new Dictionary<string, string[]> { ["folder"] = RequestAccounts.NotWatched(mapped) });
        }
        var account = mapped.Imap;
        IReadOnlyList<Emails.TriageEmail> emails;
        try
        {
            emails = await mailbox.NewestAsync(account, folder, count, ct);
        }
        catch (MailboxUnavailableException ex)
        {
            return ApiProblem.Create(StatusCodes.Status502BadGateway, ImapFailedCode, ex.Message);
        }
        var rules = RuleSet.Create([rule!]);
        var items = emails.Select(email => RulePreviewItem.Of(email, rules.Evaluate(email))).ToList();
        return TypedResults.Ok(new RulePreviewAnswer(account.Name, folder, count, limit, items.Count(i => i.Matched), items));
    }
}

/// <param name="Count">Emails asked for (after the cap of <c>sandbox.preview_limit</c>); null: as many as the limit.</param>
/// <param name="Folder">One of the account's watched folders; null: the first.</param>
internal sealed record RulePreviewRequest(string? Account, JsonElement? Rule, int? Count, string? Folder = null);

/// <param name="Count">How many emails were asked for after the cap; <see cref="Items"/> has fewer when the folder has fewer.</param>
/// <param name="Limit"><c>sandbox.preview_limit</c>.</param>
internal sealed record RulePreviewAnswer(string Account, string Folder, int Count, int Limit, int Matched, IReadOnlyList<RulePreviewItem> Items);

/// <summary>One email, newest first: whether the rule matches and what it would do. <see cref="Failure"/>: <c>rule_timeout</c>.</summary>
internal sealed record RulePreviewItem(
    long Uid, string MessageId, string? From, string? Subject, DateTimeOffset? Date, bool Matched,
    IReadOnlyList<ActionView> Actions, string? Category, string? Failure, string? Message)
{
    public static RulePreviewItem Of(Emails.TriageEmail email, ClassificationOutcome? outcome) => outcome switch
    {
        ClassificationDecision d => new(email.Uid, email.MessageId, email.From, email.Subject, email.Date, true, ActionView.From(d.Actions), d.Category, null, null),
        ClassificationFailure f => new(email.Uid, email.MessageId, email.From, email.Subject, email.Date, false, [], null, f.CodeName, f.Message),
        _ => new(email.Uid, email.MessageId, email.From, email.Subject, email.Date, false, [], null, null, null),
    };
}
