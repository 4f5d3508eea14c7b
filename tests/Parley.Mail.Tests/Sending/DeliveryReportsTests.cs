using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Parley.Core.Security;
using Parley.Mail.Delivery;
using Parley.Mail.Storage;
using Parley.Mail.Suppression;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Mail.Tests.Sending;

/// <summary>Inbound reports about mail Parley sent, shaped like those real servers send (Postfix DSNs, ARF from mailbox providers).</summary>
public sealed class DeliveryReportsTests
{
    // Postfix's bounce: text/plain, message/delivery-status, text/rfc822-headers.
    private static string PostfixBounce(string messageId, string recipient) => $"""
        Return-Path: <>
        Received: by mx.example.test (Postfix) id 4XyZ1b2C3dz9sQ; Tue, 10 Mar 2026 10:00:01 +0000 (UTC)
        Date: Tue, 10 Mar 2026 10:00:01 +0000 (UTC)
        From: MAILER-DAEMON@mx.example.test (Mail Delivery System)
        Subject: Undelivered Mail Returned to Sender
        To: hello@parley.test
        Auto-Submitted: auto-replied
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status;
        	boundary="4XyZ1b2C3dz9sQ.1741600801/mx.example.test"
        Message-Id: <20260310100001.4XyZ1b2C3dz9sQ@mx.example.test>

        This is a MIME-encapsulated message.

        --4XyZ1b2C3dz9sQ.1741600801/mx.example.test
        Content-Description: Notification
        Content-Type: text/plain; charset=us-ascii

        This is the mail system at host mx.example.test.

        I'm sorry to have to inform you that your message could not
        be delivered to one or more recipients.

        <{recipient}>: host inbox.example.test[192.0.2.7] said: 550 5.1.1
            <{recipient}>: Recipient address rejected: User unknown (in reply to RCPT TO command)

        --4XyZ1b2C3dz9sQ.1741600801/mx.example.test
        Content-Description: Delivery report
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.example.test
        X-Postfix-Queue-ID: 4XyZ1b2C3dz9sQ
        X-Postfix-Sender: rfc822; bounces@parley.test
        Arrival-Date: Tue, 10 Mar 2026 10:00:00 +0000 (UTC)

        Final-Recipient: rfc822; {recipient}
        Original-Recipient: rfc822;{recipient}
        Action: failed
        Status: 5.1.1
        Remote-MTA: dns; inbox.example.test
        Diagnostic-Code: smtp; 550 5.1.1 <{recipient}>: Recipient address rejected:
            User unknown

        --4XyZ1b2C3dz9sQ.1741600801/mx.example.test
        Content-Description: Undelivered Message Headers
        Content-Type: text/rfc822-headers

        From: Hello Team <hello@parley.test>
        To: {recipient}
        Subject: Hello
        Message-ID: <{messageId}>
        Date: Tue, 10 Mar 2026 09:59:59 +0000

        --4XyZ1b2C3dz9sQ.1741600801/mx.example.test--
        """;

    // A delay warning (Exchange-like): no attached message, the original named by Original-Message-ID... and In-Reply-To.
    private static string DelayNotice(string messageId, string recipient) => $"""
        From: postmaster@example.test
        To: hello@parley.test
        Subject: Delivery delayed: Hello
        Message-ID: <delay-1@example.test>
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

        --b1
        Content-Type: text/plain

        Delivery is delayed to these recipients.
        --b1
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mail.example.test
        Original-Message-ID: <{messageId}>

        Final-Recipient: rfc822; {recipient}
        Action: delayed
        Status: 4.4.7
        Will-Retry-Until: Wed, 11 Mar 2026 10:00:00 +0000

        --b1--
        """;

    // An abuse report in ARF (RFC 5965 §B.1's shape, as Yahoo and others send it), the original attached whole.
    private static string ArfComplaint(string messageId, string? recipient) => $"""
        From: <abusedesk@example.test>
        Date: Thu, 8 Mar 2026 14:00:00 EDT
        Subject: FW: Hello
        To: <bounces@parley.test>
        Message-ID: <arf-1@example.test>
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=feedback-report;
             boundary="part1_13d.2e68ed54_boundary"

        --part1_13d.2e68ed54_boundary
        Content-Type: text/plain; charset="US-ASCII"
        Content-Transfer-Encoding: 7bit

        This is an email abuse report for an email message received from IP
        192.0.2.1 on Thu, 8 Mar 2026 14:00:00 EDT.
        For more information about this format please see
        http://www.mipassoc.org/arf/.

        --part1_13d.2e68ed54_boundary
        Content-Type: message/feedback-report

        Feedback-Type: abuse
        User-Agent: SomeGenerator/1.0
        Version: 1
        Original-Mail-From: <bounces@parley.test>
        {(recipient is null ? "X-Recipient: redacted" : $"Original-Rcpt-To: <{recipient}>")}
        Arrival-Date: Thu, 8 Mar 2026 14:00:00 EDT
        Reporting-MTA: dns; mail.example.test
        Source-IP: 192.0.2.1
        Authentication-Results: mail.example.test; spf=pass smtp.mail=hello@parley.test
        Reported-Domain: parley.test

        --part1_13d.2e68ed54_boundary
        Content-Type: message/rfc822
        Content-Disposition: inline

        From: <hello@parley.test>
        Received: from mailserver.parley.test (mailserver.parley.test [192.0.2.1]) by example.test with ESMTP id M63d4137594e46; Thu, 08 Mar 2026 14:00:00 -0400
        To: <Undisclosed Recipients>
        Subject: Hello
        MIME-Version: 1.0
        Content-type: text/plain
        Message-ID: <{messageId}>
        Date: Thu, 02 Mar 2026 17:33:54 +0000

        Buy now.

        --part1_13d.2e68ed54_boundary--
        """;

    private static MimeMessage Mime(string text) => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(text.Replace("\n", "\r\n", StringComparison.Ordinal))));

    private static async Task<bool> RecordAsync(TestApp app, string report)
    {
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MailDbContext>();
        var recorded = await scope.ServiceProvider.GetRequiredService<DeliveryReports>().TryRecordAsync(db, Mime(report), CancellationToken.None);
        await db.SaveChangesAsync();
        return recorded;
    }

    private static async Task<string> SentAsync(TestApp app, params string[] to)
    {
        var sender = await app.AddSenderAsync();
        var client = await app.ClientWithAsync(Permissions.MailMessagesSend);
        return (await (await client.SendMailAsync(new { inbox_id = sender.InboxId, to, subject = "Hello", text = "x" })).JsonAsync()).Str("message_id");
    }

    [Theory, BothProviders]
    public async Task A_bounce_report_records_the_bounce_and_suppresses_the_address(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" });
        var messageId = await SentAsync(app, "gone@example.test", "fine@example.test");

        Assert.True(await RecordAsync(app, PostfixBounce(messageId, "gone@example.test")));

        var bounced = Assert.Single(await app.EventsAsync(messageId, DeliveryStatuses.Bounced, "gone@example.test"));
        Assert.Equal("5.1.1", bounced.Detail("status"));
        Assert.Equal("dsn", bounced.Detail("source"));
        var suppressed = await app.MailDbAsync(db => db.SuppressedAddresses.AsNoTracking().SingleAsync());
        Assert.Equal(("gone@example.test", SuppressionReasons.Bounce, messageId), (suppressed.Address, suppressed.Reason, suppressed.SourceMessageId));
    }

    [Theory, BothProviders]
    public async Task A_delay_notice_is_a_pending_event_and_suppresses_nothing(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" });
        var messageId = await SentAsync(app, "slow@example.test");

        Assert.True(await RecordAsync(app, DelayNotice(messageId, "slow@example.test")));

        Assert.Single(await app.EventsAsync(messageId, DeliveryStatuses.Pending, "slow@example.test"));
        Assert.Empty(await app.MailDbAsync(db => db.SuppressedAddresses.ToListAsync()));
    }

    [Theory, BothProviders]
    public async Task An_abuse_report_records_a_complaint_and_suppresses_the_complainant(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" });
        var messageId = await SentAsync(app, "angry@example.test", "calm@example.test");

        Assert.True(await RecordAsync(app, ArfComplaint(messageId, "angry@example.test")));

        var complaint = Assert.Single(await app.EventsAsync(messageId, DeliveryStatuses.Complained));
        Assert.Equal("abuse", complaint.Detail("feedback_type"));
        var suppressed = await app.MailDbAsync(db => db.SuppressedAddresses.AsNoTracking().SingleAsync());
        Assert.Equal(("angry@example.test", SuppressionReasons.Complaint), (suppressed.Address, suppressed.Reason));
    }

    [Theory, BothProviders]
    public async Task A_redacted_abuse_report_suppresses_the_only_recipient(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" });
        var messageId = await SentAsync(app, "only@example.test");

        Assert.True(await RecordAsync(app, ArfComplaint(messageId, recipient: null)));

        Assert.Single(await app.EventsAsync(messageId, DeliveryStatuses.Complained));
        Assert.Equal("only@example.test", (await app.MailDbAsync(db => db.SuppressedAddresses.AsNoTracking().SingleAsync())).Address);
    }

    [Theory, BothProviders]
    public async Task Reports_about_other_mail_and_ordinary_mail_are_not_recorded(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" });
        var messageId = await SentAsync(app, "a@example.test");

        Assert.False(await RecordAsync(app, PostfixBounce("someone-else@elsewhere.test", "a@example.test")));
        Assert.False(await RecordAsync(app, ArfComplaint("someone-else@elsewhere.test", "a@example.test")));
        Assert.False(await RecordAsync(app, $"From: a@example.test\nTo: hello@parley.test\nSubject: Re: Hello\nIn-Reply-To: <{messageId}>\nMessage-ID: <reply@example.test>\n\nThanks!\n"));

        Assert.Equal(1, await app.MailDbAsync(db => db.DeliveryEvents.CountAsync()));
        Assert.Empty(await app.MailDbAsync(db => db.SuppressedAddresses.ToListAsync()));
    }
}
