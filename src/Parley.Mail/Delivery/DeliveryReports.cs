using Microsoft.EntityFrameworkCore;
using MimeKit;
using Parley.Mail.Messages;
using Parley.Mail.Storage;

namespace Parley.Mail.Delivery;

/// <summary>
/// Recognizes delivery status notifications (RFC 3464) and abuse reports (ARF, RFC 5965) among received
/// mail, records them as delivery events on the original message and suppresses the address: a failed
/// delivery suppresses with reason <c>bounce</c>, a complaint with <c>complaint</c>. Reports about mail
/// Parley did not send are left alone (false): they are ordinary mail.
/// </summary>
internal sealed class DeliveryReports(DeliveryRecorder recorder)
{
    /// <summary>True when <paramref name="message"/> was a report about mail Parley sent and has been recorded in <paramref name="db"/> (unsaved).</summary>
    public async Task<bool> TryRecordAsync(MailDbContext db, MimeMessage message, CancellationToken cancellationToken)
    {
        var report = FindReport(message.Body);
        if (report is null)
        {
            return false;
        }
        var reportType = report.ReportType?.ToLowerInvariant();
        if (reportType == "delivery-status" && report.OfType<MessageDeliveryStatus>().FirstOrDefault() is { } status)
        {
            var original = await FindOriginalAsync(db, OriginalMessageIds(report, status.StatusGroups.FirstOrDefault(), message), cancellationToken);
            return original is not null && await RecordDeliveryStatusAsync(db, original, status, cancellationToken);
        }
        if (reportType == "feedback-report" && report.OfType<MessageFeedbackReport>().FirstOrDefault() is { } feedback)
        {
            var original = await FindOriginalAsync(db, OriginalMessageIds(report, null, message), cancellationToken);
            if (original is null)
            {
                return false;
            }
            await RecordComplaintAsync(db, original, feedback.Fields, cancellationToken);
            return true;
        }
        return false;
    }

    private async Task<bool> RecordDeliveryStatusAsync(MailDbContext db, MailMessage original, MessageDeliveryStatus status, CancellationToken cancellationToken)
    {
        var recorded = false;
        foreach (var group in status.StatusGroups.Skip(1))
        {
            var recipient = AddressOf(group["Final-Recipient"]) ?? AddressOf(group["Original-Recipient"]);
            var action = group["Action"]?.Trim().ToLowerInvariant();
            if (recipient is null || action is null)
            {
                continue;
            }
            var code = group["Status"]?.Trim();
            var details = new Dictionary<string, object?>
            {
                ["recipient"] = recipient,
                ["source"] = "dsn",
                ["action"] = action,
                ["status"] = code,
                ["diagnostic_code"] = group["Diagnostic-Code"]?.Trim(),
                ["remote_mta"] = group["Remote-MTA"]?.Trim(),
            };
            switch (action)
            {
                case "failed":
                    await recorder.BouncedAsync(db, original, DeliveryStatuses.Bounced, recipient, suppress: code is null || code.StartsWith('5'), details, cancellationToken);
                    recorded = true;
                    break;
                case "delivered" or "relayed" or "expanded":
                    await recorder.AcceptedAsync(db, original, DeliveryStatuses.Delivered, recipient, details, cancellationToken);
                    recorded = true;
                    break;
                case "delayed":
                    recorder.Add(db, original, DeliveryStatuses.Pending, details);
                    recorded = true;
                    break;
            }
        }
        return recorded;
    }

    private async Task RecordComplaintAsync(MailDbContext db, MailMessage original, HeaderList fields, CancellationToken cancellationToken)
    {
        var recipient = AddressOf(fields["Original-Rcpt-To"]);
        if (recipient is null)
        {
            // Many providers redact the complainant; when the message went to one address, it was that one.
            var to = await db.MessageRecipients.AsNoTracking().Where(r => r.MessageId == original.MessageId).Select(r => r.Address).ToListAsync(cancellationToken);
            recipient = to.Count == 1 ? to[0] : null;
        }
        await recorder.ComplainedAsync(db, original, recipient, new Dictionary<string, object?>
        {
            ["recipient"] = recipient,
            ["source"] = "arf",
            ["feedback_type"] = fields["Feedback-Type"]?.Trim(),
            ["user_agent"] = fields["User-Agent"]?.Trim(),
            ["arrival_date"] = fields["Arrival-Date"]?.Trim(),
        }, cancellationToken);
    }

    /// <summary>The report itself, at the top or inside a multipart (some gateways wrap it).</summary>
    private static MultipartReport? FindReport(MimeEntity? body) => body switch
    {
        MultipartReport report => report,
        Multipart multipart => multipart.Select(FindReport).FirstOrDefault(r => r is not null),
        _ => null,
    };

    /// <summary>Where the report names the message it is about, most reliable first.</summary>
    private static IEnumerable<string> OriginalMessageIds(MultipartReport report, HeaderList? perMessage, MimeMessage envelope)
    {
        foreach (var part in report.OfType<MessagePart>())
        {
            if (part.Message?.MessageId is { Length: > 0 } id)
            {
                yield return id;
            }
        }
        if (perMessage?["Original-Message-ID"] is { } field && MimeKit.Utils.MimeUtils.EnumerateReferences(field).FirstOrDefault() is { } original)
        {
            yield return original;
        }
        if (envelope.InReplyTo is { Length: > 0 } inReplyTo)
        {
            yield return inReplyTo;
        }
    }

    private static async Task<MailMessage?> FindOriginalAsync(MailDbContext db, IEnumerable<string> candidates, CancellationToken cancellationToken)
    {
        foreach (var id in candidates.Distinct(StringComparer.Ordinal))
        {
            var message = await db.Messages.FirstOrDefaultAsync(m => m.MessageId == id && m.Direction == MailDirections.Outbound, cancellationToken);
            if (message is not null)
            {
                return message;
            }
        }
        return null;
    }

    /// <summary>The address of a DSN/ARF address field: <c>rfc822; user@example.com</c> or a bare address.</summary>
    private static string? AddressOf(string? field)
    {
        if (string.IsNullOrWhiteSpace(field))
        {
            return null;
        }
        var value = field.Trim();
        var semicolon = value.IndexOf(';', StringComparison.Ordinal);
        if (semicolon >= 0)
        {
            value = value[(semicolon + 1)..].Trim();
        }
        value = value.Trim('<', '>', ' ');
        return value.Contains('@', StringComparison.Ordinal) ? value.ToLowerInvariant() : null;
    }
}
