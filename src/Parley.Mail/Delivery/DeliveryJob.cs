using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Parley.Core.Blobs;
using Parley.Core.Jobs;
using Parley.Mail.Messages;
using Parley.Mail.Outbound;
using Parley.Mail.Storage;

namespace Parley.Mail.Delivery;

/// <summary>A <c>mail.deliver</c> job: the recipients of one message at one domain.</summary>
internal sealed record DeliveryPayload(string MessageId, string QueueId, string Domain, IReadOnlyList<string> Recipients);

/// <summary>
/// Delivers a stored outbound message to the recipients of one domain. Each recipient ends <c>delivered</c>
/// (its MX took it), <c>sent</c> (the relay took it), <c>bounced</c> (5xx) or, once
/// <c>Mail:Outbound:RetrySchedule</c> is spent on temporary failures, <c>failed</c>; until then every
/// attempt leaves a <c>pending</c> event and the job comes back after the next delay. Bounced and failed
/// recipients get one bounce notice in the sender's inbox. Recipients already decided are skipped on a
/// retry, so a partly accepted message is not sent twice to the same address.
/// </summary>
internal sealed partial class DeliveryJob(
    IBlobStore blobs,
    MailTransfer transfer,
    DeliveryRecorder recorder,
    BounceNotices bounces,
    IOptions<MailOptions> options,
    TimeProvider clock,
    ILogger<DeliveryJob> logger) : IJobHandler
{
    public const string JobKind = "mail.deliver";

    private static readonly string[] Decided = [DeliveryStatuses.Delivered, DeliveryStatuses.Sent, DeliveryStatuses.Bounced, DeliveryStatuses.Failed];

    public string Kind => JobKind;

    public async Task ExecuteAsync(JobExecution job, CancellationToken cancellationToken)
    {
        var db = (MailDbContext)job.Db;
        var payload = job.Payload<DeliveryPayload>();
        var message = await db.Messages.FirstOrDefaultAsync(m => m.MessageId == payload.MessageId, cancellationToken);
        if (message is null)
        {
            return;
        }
        var recipients = await UndecidedAsync(db, message, payload.Recipients, cancellationToken);
        if (recipients.Count == 0)
        {
            return;
        }
        var mime = await LoadAsync(message, cancellationToken);
        var sender = await EnvelopeSenderAsync(db, message, cancellationToken);
        var outcomes = await transfer.SendAsync(mime, sender, recipients, payload.Domain, cancellationToken);
        var route = transfer.ViaRelay ? "relay" : "mx";
        var failed = new List<FailedRecipient>();
        var deferred = new List<RecipientOutcome>();

        foreach (var outcome in outcomes)
        {
            var details = Details(outcome, route, job.Attempt);
            switch (outcome.Result)
            {
                case RecipientResult.Accepted:
                    await recorder.AcceptedAsync(db, message, transfer.ViaRelay ? DeliveryStatuses.Sent : DeliveryStatuses.Delivered, outcome.Recipient, details, cancellationToken);
                    break;
                case RecipientResult.Permanent:
                    await recorder.BouncedAsync(db, message, DeliveryStatuses.Bounced, outcome.Recipient, outcome.Reply!.IsHardBounce, details, cancellationToken);
                    failed.Add(new FailedRecipient(outcome.Recipient, outcome.Reply.EnhancedStatus, outcome.Reply.ToString(), outcome.Host));
                    break;
                default:
                    deferred.Add(outcome);
                    break;
            }
        }

        var retryIn = job.Attempt < job.Job.MaxAttempts ? RetrySchedule.Parse(options.Value.Outbound.RetrySchedule).After(job.Attempt) : null;
        foreach (var outcome in deferred)
        {
            var details = Details(outcome, route, job.Attempt);
            if (retryIn is { } delay)
            {
                details["next_attempt_at"] = clock.GetUtcNow().UtcDateTime + delay;
                recorder.Add(db, message, DeliveryStatuses.Pending, details);
            }
            else
            {
                await recorder.BouncedAsync(db, message, DeliveryStatuses.Failed, outcome.Recipient, suppress: false, details, cancellationToken);
                var why = outcome.Reply?.ToString() ?? outcome.Error ?? "no server accepted the message";
                failed.Add(new FailedRecipient(outcome.Recipient, outcome.Reply?.EnhancedStatus is { } s && s.StartsWith('4') ? "4.4.7" : "4.4.1", $"{why} (gave up after {job.Attempt} attempts)", outcome.Host));
            }
        }
        if (failed.Count > 0)
        {
            await bounces.AddAsync(db, message, mime, failed, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);

        if (deferred.Count > 0 && retryIn is { } retry)
        {
            LogDeferred(payload.QueueId, payload.Domain, job.Attempt, retry);
            throw new JobRetryException(retry, $"{deferred.Count} recipient(s) at {payload.Domain} deferred: {deferred[0].Reply?.ToString() ?? deferred[0].Error}");
        }
    }

    private static Dictionary<string, object?> Details(RecipientOutcome outcome, string route, int attempt) => new()
    {
        ["recipient"] = outcome.Recipient,
        ["route"] = route,
        ["host"] = outcome.Host,
        ["attempt"] = attempt,
        ["smtp_code"] = outcome.Reply?.Code,
        ["smtp_reply"] = outcome.Reply?.Text,
        ["status"] = outcome.Reply?.EnhancedStatus,
        ["error"] = outcome.Error,
    };

    /// <summary>Those of <paramref name="recipients"/> that no earlier attempt delivered, bounced or gave up on.</summary>
    private static async Task<List<string>> UndecidedAsync(MailDbContext db, MailMessage message, IReadOnlyList<string> recipients, CancellationToken cancellationToken)
    {
        var events = await db.DeliveryEvents.AsNoTracking()
            .Where(e => e.MessageId == message.MessageId && Decided.Contains(e.Status))
            .Select(e => e.Details)
            .ToListAsync(cancellationToken);
        var decided = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var details in events)
        {
            using var json = JsonDocument.Parse(details);
            if (json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("recipient", out var recipient)
                && recipient.ValueKind == JsonValueKind.String)
            {
                decided.Add(recipient.GetString()!);
            }
        }
        return recipients.Where(r => !decided.Contains(r)).ToList();
    }

    private async Task<MimeMessage> LoadAsync(MailMessage message, CancellationToken cancellationToken)
    {
        await using var raw = await blobs.OpenReadAsync(message.RawStorageKey, cancellationToken)
            ?? throw new InvalidOperationException($"The raw MIME of {message.MessageId} is missing from the blob store.");
        using var copy = new MemoryStream();
        await raw.CopyToAsync(copy, cancellationToken);
        copy.Position = 0;
        return await MimeMessage.LoadAsync(copy, cancellationToken);
    }

    /// <summary>MAIL FROM: the domain's bounce address, else the sending inbox's own.</summary>
    private static async Task<string> EnvelopeSenderAsync(MailDbContext db, MailMessage message, CancellationToken cancellationToken)
    {
        var bounce = await db.Inboxes.AsNoTracking().Where(i => i.Id == message.InboxId)
            .Join(db.Domains.AsNoTracking(), i => i.DomainId, d => d.Id, (i, d) => d.BounceAddress)
            .FirstOrDefaultAsync(cancellationToken);
        return string.IsNullOrWhiteSpace(bounce) ? message.FromAddress : bounce;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {QueueId} to {Domain} deferred after attempt {Attempt}; next in {Delay}")]
    private partial void LogDeferred(string queueId, string domain, int attempt, TimeSpan delay);
}
