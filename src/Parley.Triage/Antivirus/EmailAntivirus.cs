using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Parley.Triage.Actions;
using Parley.Triage.Classification;
using Parley.Triage.Configuration;
using Parley.Triage.Emails;

namespace Parley.Triage.Antivirus;

/// <summary>
/// Scans an email's attachments (and inline parts that are not its text) with clamd, one connection each, before
/// rules and the LLM see it — when <c>antivirus.enabled</c> is on now (read live). The first signature found is the
/// verdict. A scan that fails (clamd unreachable, timing out, refusing the stream) is logged and, by default, does what
/// Mailpilot does: the attachment counts as clean, so mail keeps flowing while clamd is down; with
/// <c>on_scan_error: dead_letter</c> the email goes to the dead letter untouched instead and its retry scans again.
/// </summary>
public sealed class EmailAntivirus(ClamdScanner scanner, IOptionsMonitor<TriageOptions> options, ILogger<EmailAntivirus> logger)
{
    /// <summary>
    /// <paramref name="email"/> with what scanning <paramref name="message"/>'s attachments found: the first signature
    /// (<see cref="TriageEmail.Virus"/>) and the first scan that failed (<see cref="TriageEmail.ScanError"/>); as it is
    /// when scanning is off.
    /// </summary>
    public async Task<TriageEmail> ScanAsync(TriageEmail email, MimeMessage message, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue.Antivirus;
        if (!settings.Enabled)
        {
            return email;
        }
        string? error = null;
        foreach (var part in ScannedParts(message))
        {
            var verdict = await scanner.ScanAsync(settings.Host, settings.Port, settings.Timeout.Value,
                (stream, ct) => WriteAsync(part, stream, ct), cancellationToken);
            if (verdict.Infected)
            {
                logger.LogWarning("Triage {Account}: virus {Signature} found in an attachment", email.AccountName, verdict.Virus);
                return email with { Virus = verdict.Virus, ScanError = error };
            }
            if (verdict.Error is not null)
            {
                error ??= verdict.Error;
                logger.LogError("Triage {Account}: antivirus scan failed ({Error}); {Outcome}", email.AccountName, verdict.Error,
                    settings.OnScanError == AntivirusOptions.DeadLetter ? "the email goes to the dead letter" : "the attachment is treated as clean");
            }
        }
        return email with { ScanError = error };
    }

    /// <summary>Where a virus decision comes from: the built-in antivirus rule (the audit shows no provider or model).</summary>
    public static readonly DecisionSource Origin = DecisionSource.FromRule("antivirus");

    /// <summary>Mailpilot's <c>flag_only</c> flags: the <c>$Virus</c> keyword and <c>\Flagged</c>.</summary>
    public static readonly TriageAction VirusFlags = new(TriageActionKind.Flag, Flags: ["$Virus", "\\Flagged"]);

    /// <summary>
    /// What <c>on_virus_detected</c> (now) decides for an email with <paramref name="virus"/>: <c>quarantine</c> and
    /// <c>delete</c> are the whole decision (no LLM); <c>flag_only</c> is null — the caller classifies as usual and
    /// puts <see cref="VirusFlags"/> first.
    /// </summary>
    public ClassificationDecision? DecisionFor(string virus) => options.CurrentValue.Antivirus.OnVirusDetected switch
    {
        AntivirusOptions.FlagOnly => null,
        AntivirusOptions.Delete => Decision([new TriageAction(TriageActionKind.Delete)], virus),
        _ => Decision([new TriageAction(TriageActionKind.Move, Folder: AntivirusOptions.QuarantineFolder)], virus),
    };

    /// <summary>
    /// <paramref name="classify"/> (rules, then the LLM) — unless clamd found a virus: then <c>on_virus_detected</c>
    /// decides (quarantine, delete: no rule, no LLM), or, for <c>flag_only</c>, the classification goes on and the virus
    /// flags come first. The IMAP pipeline and Parley's own inboxes decide through this one place.
    /// </summary>
    /// <param name="flag">
    /// Sets <see cref="VirusFlags"/> on the message now (a no-op in dry run). <c>flag_only</c> calls it before
    /// classifying, so the flags are on the message as soon as the virus is found even when the classification then
    /// fails (LLM down → dead letter); setting a flag is idempotent, so the decision's own <see cref="VirusFlags"/>
    /// (done again with its actions) and a retry's repeat change nothing.
    /// </param>
    public async Task<ClassificationOutcome> DecideAsync(TriageEmail email, Func<TriageAction, Task> flag, Func<Task<ClassificationOutcome>> classify)
    {
        if (email.Virus is not { } virus)
        {
            // A virus found decides whatever else failed; an unscanned email is classified only when that is allowed.
            return email.ScanError is { } error && options.CurrentValue.Antivirus.OnScanError == AntivirusOptions.DeadLetter
                ? new ClassificationFailure(ClassificationFailureCode.ScanFailed, $"antivirus scan failed: {error}", Origin)
                : await classify();
        }
        if (DecisionFor(virus) is { } onVirus)
        {
            return onVirus;
        }
        await flag(VirusFlags);
        var classified = await classify();
        return classified is ClassificationDecision decision ? Flagged(decision, virus) : classified;
    }

    /// <summary><c>flag_only</c>: the classifier's decision with the virus flags first and the signature in its reasoning.</summary>
    public static ClassificationDecision Flagged(ClassificationDecision classified, string virus) => classified with
    {
        Actions = [VirusFlags, .. classified.Actions],
        Reasoning = classified.Reasoning is { Length: > 0 } reasoning ? $"{Reasoning(virus)}; {reasoning}" : Reasoning(virus),
    };

    public static string Reasoning(string virus) => $"virus: {virus}";

    private static ClassificationDecision Decision(IReadOnlyList<TriageAction> actions, string virus) =>
        new(actions, Category: null, Confidence: 1, Reasoning(virus), Origin);

    /// <summary>Every part but the message's own text: attachments, inline images, attached messages.</summary>
    private static IEnumerable<MimeEntity> ScannedParts(MimeMessage message) =>
        message.BodyParts.Where(p => p.IsAttachment || p is not TextPart);

    private static Task WriteAsync(MimeEntity part, Stream stream, CancellationToken ct) => part switch
    {
        MimePart { Content: { } content } => content.DecodeToAsync(stream, ct),
        MessagePart { Message: { } attached } => attached.WriteToAsync(stream, ct),
        _ => part.WriteToAsync(stream, contentOnly: true, ct),
    };
}
