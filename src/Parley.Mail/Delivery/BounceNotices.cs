using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using MimeKit;
using Parley.Core.Blobs;
using Parley.Mail.Messages;
using Parley.Mail.Outbound;
using Parley.Mail.Storage;
using Parley.Mail.Threads;

namespace Parley.Mail.Delivery;

/// <summary>A recipient that could not be delivered to, for a bounce notice.</summary>
internal sealed record FailedRecipient(string Address, string Status, string Diagnostic, string? RemoteMta);

/// <summary>
/// Tells the sender that a message could not be delivered: an RFC 3464 delivery status notification
/// (multipart/report; report-type=delivery-status) stored as inbound mail in the sending inbox, in the
/// thread of the message it is about.
/// </summary>
internal sealed class BounceNotices(IBlobStore blobs, MailMessageStore store, IOptions<MailOptions> options, TimeProvider clock)
{
    public async Task<MailMessage> AddAsync(MailDbContext db, MailMessage original, MimeMessage originalMime, IReadOnlyList<FailedRecipient> failed, CancellationToken cancellationToken)
    {
        var hostname = options.Value.Hostname;
        var now = clock.GetUtcNow();
        var notice = Build(hostname, now, original, originalMime, failed);

        using var raw = new MemoryStream();
        await notice.WriteToAsync(OutboundQueue.Wire, raw, cancellationToken);
        raw.Position = 0;
        var blob = await blobs.PutAsync(raw, cancellationToken);
        var parsed = MailMessageParser.Parse(notice, hostname, now.UtcDateTime);
        var metadata = JsonSerializer.Serialize(new { source = "bounce", about = original.MessageId });
        var (stored, thread) = await store.AddAsync(db, parsed, MailDirections.Inbound, [original.InboxId], new StoredRaw(blob.Key, blob.Size), metadata, cancellationToken);
        KeepInOriginalThread(db, stored, thread, original);
        return stored;
    }

    /// <summary>
    /// The notice answers the original (In-Reply-To), which the threader follows; should it not, the
    /// notice still joins the original's thread, and a thread made for it alone is dropped unsaved.
    /// </summary>
    private static void KeepInOriginalThread(MailDbContext db, MailMessage stored, ThreadAssignment thread, MailMessage original)
    {
        if (thread.ThreadId == original.ThreadId)
        {
            return;
        }
        stored.ThreadId = original.ThreadId;
        var made = db.Threads.Local.FirstOrDefault(t => t.Id == thread.ThreadId);
        if (made is not null && db.Entry(made).State == Microsoft.EntityFrameworkCore.EntityState.Added)
        {
            db.Entry(made).State = Microsoft.EntityFrameworkCore.EntityState.Detached;
        }
    }

    internal static MimeMessage Build(string hostname, DateTimeOffset now, MailMessage original, MimeMessage originalMime, IReadOnlyList<FailedRecipient> failed)
    {
        var notice = new MimeMessage();
        notice.From.Add(new MailboxAddress("Mail Delivery System", $"MAILER-DAEMON@{hostname}"));
        notice.To.Add(new MailboxAddress(original.FromName ?? "", original.FromAddress));
        notice.Subject = "Undelivered Mail Returned to Sender";
        notice.Date = now;
        notice.MessageId = $"{Guid.NewGuid()}@{hostname}";
        notice.InReplyTo = original.MessageId;
        foreach (var reference in originalMime.References)
        {
            notice.References.Add(reference);
        }
        notice.References.Add(original.MessageId);
        notice.Headers.Add("Auto-Submitted", "auto-replied");

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Your message \"{original.Subject}\" could not be delivered to:\n\n");
        foreach (var recipient in failed)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {recipient.Address}: {recipient.Diagnostic}\n");
        }
        var report = new MultipartReport("delivery-status")
        {
            new TextPart("plain") { Text = text.ToString() },
        };

        var status = new MessageDeliveryStatus();
        var perMessage = new HeaderList
        {
            { "Reporting-MTA", "dns; " + hostname },
            { "X-Parley-Queue-ID", original.SesMessageId ?? "" },
            { "Original-Message-ID", "<" + original.MessageId + ">" },
            { "Arrival-Date", MimeKit.Utils.DateUtils.FormatDate(new DateTimeOffset(DateTime.SpecifyKind(original.CreatedAt, DateTimeKind.Utc))) },
        };
        status.StatusGroups.Add(perMessage);
        foreach (var recipient in failed)
        {
            var group = new HeaderList
            {
                { "Final-Recipient", "rfc822; " + recipient.Address },
                { "Action", "failed" },
                { "Status", recipient.Status },
            };
            if (recipient.RemoteMta is not null)
            {
                group.Add("Remote-MTA", "dns; " + recipient.RemoteMta);
            }
            group.Add("Diagnostic-Code", "smtp; " + recipient.Diagnostic);
            status.StatusGroups.Add(group);
        }
        report.Add(status);

        // The original's headers, so the sender (and any program) can tell which message this was.
        var headersOnly = new MimeMessage();
        headersOnly.Headers.Clear();
        foreach (var header in originalMime.Headers)
        {
            headersOnly.Headers.Add(header.Clone());
        }
        var headers = new TextRfc822Headers { Message = headersOnly };
        report.Add(headers);
        notice.Body = report;
        return notice;
    }
}
