using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using MimeKit;
using Parley.Core.Http;
using Parley.Core.Security;
using Parley.Triage.Attachments;
using Parley.Triage.Classification;
using Parley.Triage.Classification.Rules;
using Parley.Triage.Configuration;
using Parley.Triage.Dashboard;
using Parley.Triage.Emails;
using Parley.Triage.Imap;
using Parley.Triage.Pipeline;

namespace Parley.Triage.Api;

/// <summary>
/// <c>POST /api/triage/sandbox</c>: classify one email — pasted (<c>raw</c>) or an account's by UID, read read-only —
/// as the pipeline would (<see cref="TriageClassifier.RunSandboxAsync"/>: rules, then the account's prompt and LLM;
/// <c>skip_rules</c> asks the LLM anyway; <c>prompt</c> tries another prompt) and answer what it decided, with the
/// prompt sent and the raw reply. It never acts and never records: no audit row, no processed row, no dead letter.
/// </summary>
internal static class SandboxApi
{
    public const string SandboxAccount = "sandbox";

    public static void MapTriageSandboxApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/triage/sandbox", RunAsync).WithTags("Triage")
            .RequireTriageDashboard();
    }

    private static async Task<Results<Ok<SandboxAnswer>, ProblemHttpResult>> RunAsync(
        SandboxRequest body, IOptionsMonitor<TriageOptions> monitor, ReadOnlyMailbox mailbox, TriageClassifier classifier, CancellationToken ct)
    {
        var options = monitor.CurrentValue;
        var limit = options.Sandbox.MaxEmailBytes;
        var errors = new Dictionary<string, string[]>();
        var pasted = body.Raw is not null;
        if (pasted && body.Uid is not null)
        {
            errors["uid"] = ["give raw or account and uid, not both"];
        }
        else if (!pasted && body.Uid is null)
        {
            errors["raw"] = ["give raw (an RFC 822 email) or account and uid"];
        }
        else if (pasted && string.IsNullOrWhiteSpace(body.Raw))
        {
            errors["raw"] = ["must not be empty"];
        }
        if (body.Uid is { } uid && (uid < 1 || uid > uint.MaxValue))
        {
            errors["uid"] = ["must be an IMAP UID (1–4294967295)"];
        }
        if (body.Folder is not null && body.Uid is null)
        {
            errors["folder"] = ["only with uid"];
        }
        if (body.Uid is not null && string.IsNullOrWhiteSpace(body.Account))
        {
            errors["account"] = ["required with uid"];
        }
        if (body.Prompt is { } prompt && (string.IsNullOrWhiteSpace(prompt) || Encoding.UTF8.GetByteCount(prompt) > limit))
        {
            errors["prompt"] = [$"must be 1–{limit} bytes (sandbox.max_email_bytes)"];
        }
        if (errors.Count > 0)
        {
            return ApiProblem.Validation(errors);
        }
        if (pasted && Encoding.UTF8.GetByteCount(body.Raw!) > limit)
        {
            return ApiProblem.Create(StatusCodes.Status413PayloadTooLarge, "email_too_large", $"The email is larger than {limit} bytes (sandbox.max_email_bytes).");
        }

        TriageAccount? account = null;
        if (!string.IsNullOrWhiteSpace(body.Account))
        {
            if (RequestAccounts.Find(options, body.Account) is not { } configured)
            {
                return ApiProblem.NotFound(RequestAccounts.NotFoundCode, $"No Triage account is named '{body.Account}'.");
            }
            account = RequestAccounts.Map(options, configured);
        }

        TriageEmail email;
        if (pasted)
        {
            var bytes = Encoding.UTF8.GetBytes(body.Raw!);
            MimeMessage message;
            try
            {
                message = await MimeMessage.LoadAsync(new MemoryStream(bytes), ct);
            }
            catch (FormatException ex)
            {
                return ApiProblem.Validation(new Dictionary<string, string[]> { ["raw"] = ["is not an RFC 822 email: " + ex.Message] });
            }
            var attachments = account?.Imap.Attachments ?? options.Attachments;
            var images = account is not null
                ? account.Imap.Images
                : VisionImages.LimitsFor(attachments, TriageAccountMapping.Provider(options, null), privateAccount: false);
            email = TriageEmailReader.Read(account?.Name ?? SandboxAccount, SandboxAccount, 0, 0, message, bytes.Length, attachments, images);
        }
        else
        {
            // Validation made account and uid come together.
            var named = account!;
            if (RequestAccounts.WatchedFolder(named, body.Folder) is not { } folder)
            {
                return ApiProblem.Validation(new Dictionary<string, string[]> { ["folder"] = RequestAccounts.NotWatched(named) });
            }
            try
            {
                if (await mailbox.ByUidAsync(named.Imap, folder, (uint)body.Uid!.Value, ct) is not { } found)
                {
                    return ApiProblem.NotFound("triage_email_not_found", $"No email has UID {body.Uid} in {folder} of '{named.Name}'.");
                }
                email = found;
            }
            catch (MailboxUnavailableException ex)
            {
                return ApiProblem.Create(StatusCodes.Status502BadGateway, RulePreviewApi.ImapFailedCode, ex.Message);
            }
        }

        var settings = account?.Classifier ?? DefaultSettings(options);
        if (body.Prompt is not null)
        {
            settings = settings with { Prompt = body.Prompt };
        }
        var run = await classifier.RunSandboxAsync(email, settings, body.SkipRules ?? false, ct);
        return TypedResults.Ok(SandboxAnswer.From(account?.Name, email, pasted, run));
    }

    /// <summary>
    /// A pasted email without an account is classified as an account with no keys of its own would be: the rules that
    /// apply to every account, the first LLM provider, the default prompt, the global minimum confidence.
    /// </summary>
    private static ClassifierSettings DefaultSettings(TriageOptions options) => ClassifierSettings.Default(SandboxAccount) with
    {
        MinimumConfidence = options.Confidence.MinimumThreshold,
        Prompt = TriageAccountMapping.Prompt(options, null, null),
        Provider = TriageAccountMapping.Provider(options, null),
        Rules = RuleSet.Create(options.Rules.Where(r => r.Accounts.Count == 0).Select(TriageAccountMapping.ToRule).ToList()),
    };
}

/// <param name="Raw">A pasted email (RFC 822 text), at most <c>sandbox.max_email_bytes</c>; or <see cref="Account"/> + <see cref="Uid"/>.</param>
/// <param name="Account">Whose rules, prompt and provider to use (and, with <see cref="Uid"/>, whose mailbox to read).</param>
/// <param name="Uid">An email of <see cref="Folder"/>.</param>
/// <param name="Prompt">Tried instead of the account's prompt.</param>
/// <param name="Folder">With <see cref="Uid"/>: one of the account's watched folders; null: the first.</param>
internal sealed record SandboxRequest(string? Raw, string? Account, long? Uid, bool? SkipRules, string? Prompt, string? Folder = null);

/// <summary>
/// The outcome: a decision (<see cref="Decided"/>; its actions, category, confidence, reasoning and who decided —
/// <see cref="Rule"/>, or <see cref="Provider"/>/<see cref="Model"/>) or a failure (<see cref="Failure"/> code and
/// <see cref="Message"/>, as the dead letter would record it); the prompt sent and the raw reply when an LLM was asked.
/// </summary>
internal sealed record SandboxAnswer(
    string? Account, SandboxEmail Email, bool Decided, IReadOnlyList<ActionView> Actions, IReadOnlyList<ActionView>? ProposedActions,
    string? Category, double? Confidence, string? Reasoning, bool BelowMinimumConfidence,
    string? Source, string? Rule, string? Provider, string? Model, string? Failure, string? Message,
    SandboxPrompt? Prompt, string? Reply, long? InputTokens, long? OutputTokens, double ElapsedMs)
{
    public static SandboxAnswer From(string? account, TriageEmail email, bool pasted, ClassificationRun run)
    {
        var view = new SandboxEmail(pasted ? null : email.Uid, email.MessageId, email.From, email.Subject, email.Date);
        var source = run.Outcome.Source;
        var prompt = run.Prompt is { } p
            ? new SandboxPrompt(p.System, p.User, p.Images.Select(i => new SandboxImage(i.FileName, i.MediaType, i.Size, i.Inline, i.Sent, i.Omitted)).ToList())
            : null;
        var elapsed = run.Elapsed.TotalMilliseconds;
        return run.Outcome switch
        {
            ClassificationDecision d => new(account, view, true, ActionView.From(d.Actions),
                d.ProposedActions is { } proposed ? ActionView.From(proposed) : null, d.Category, d.Confidence, d.Reasoning, d.BelowMinimumConfidence,
                SourceName(source), source?.Rule, source?.Provider, source?.Model, null, null, prompt, run.Reply, run.InputTokens, run.OutputTokens, elapsed),
            ClassificationFailure f => new(account, view, false, [], null, null, null, null, false,
                SourceName(source), source?.Rule, source?.Provider, source?.Model, f.CodeName, f.Message, prompt, run.Reply, run.InputTokens, run.OutputTokens, elapsed),
            _ => throw new InvalidOperationException("unknown outcome " + run.Outcome.GetType().Name),
        };
    }

    private static string? SourceName(DecisionSource? source) => source?.Kind switch
    {
        DecisionSourceKind.Rule => "rule",
        DecisionSourceKind.Llm => "llm",
        DecisionSourceKind.Private => "private",
        _ => null,
    };
}

/// <param name="Uid">Null for a pasted email.</param>
internal sealed record SandboxEmail(long? Uid, string MessageId, string? From, string? Subject, DateTimeOffset? Date);

/// <summary>The messages sent to the LLM; <see cref="Images"/> are the email's images the user message names (none for a provider without <c>supports_vision</c>).</summary>
internal sealed record SandboxPrompt(string System, string User, IReadOnlyList<SandboxImage> Images);

/// <summary>One image: <see cref="Sent"/> as an image part after the text, or named with why it was <see cref="Omitted"/>.</summary>
internal sealed record SandboxImage(string Name, string MediaType, long Size, bool Inline, bool Sent, string? Omitted);
