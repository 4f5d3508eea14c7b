using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Parley.Core.Blobs;
using Parley.Core.Jobs;
using Parley.Core.Security;
using Parley.Mail.Delivery;
using Parley.Mail.Messages;
using Parley.Mail.Outbound;
using Parley.Mail.Suppression;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Parley.Mail.Tests.Sending;

/// <summary>Sending through real SMTP: aiosmtpd as the recipient's MX (found through a real DNS server) or as the relay.</summary>
public sealed class DeliveryTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Theory, BothProviders]
    public async Task Sent_mail_reaches_the_recipients_MX_signed_with_the_domains_DKIM_key(string provider)
    {
        using var dns = await TestDnsServer.StartAsync(SendingData.RecipientZone());
        using var sink = await TestSmtpSink.StartAsync();
        await using var app = await TestApp.StartAsync(provider, SendingData.DirectMx(dns, sink.Port));
        var sender = await app.AddSenderAsync(bounceAddress: "bounces@parley.test", replyTo: "support@parley.test");
        var client = await app.ClientWithAsync(Permissions.MailMessagesSend);

        using var response = await client.SendMailAsync(new
        {
            inbox_id = sender.InboxId,
            to = new object[] { "Ann Example <ann@example.test>" },
            cc = new object[] { new { address = "bob@example.test", name = "Bob" } },
            bcc = new object[] { "carol@example.test" },
            subject = "Quarterly numbers — café",
            text = "Plain body, with a line that is long enough to be wrapped by a careless encoder somewhere along the way.",
            html = "<p>HTML body</p>",
            attachments = new[] { new { filename = "notes.txt", content_type = "text/plain", content_base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes("attached notes")) } },
        });
        var answer = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, answer.ToString());
        var messageId = answer.Str("message_id");
        Assert.Equal("pending", answer.Str("status"));
        Assert.EndsWith("@parley.test", messageId, StringComparison.Ordinal);

        await Eventually.Until(() => sink.Received().Count == 1, Patience, "the MX receives the message");
        var received = Assert.Single(sink.Received());
        Assert.Equal("bounces@parley.test", received.MailFrom);
        Assert.Equal(["ann@example.test", "bob@example.test", "carol@example.test"], received.RcptTos.Order(StringComparer.Ordinal));
        Assert.Equal("mail.parley.test", received.Helo);

        var mime = MimeMessage.Load(new MemoryStream(received.Raw));
        Assert.Equal(messageId, mime.MessageId);
        Assert.Equal("\"Hello Team\" <hello@parley.test>", mime.From.ToString());
        Assert.Equal("support@parley.test", mime.ReplyTo.Mailboxes.Single().Address);
        Assert.Empty(mime.Bcc);
        Assert.False(mime.Headers.Contains(HeaderId.Bcc));
        Assert.Equal("Quarterly numbers — café", mime.Subject);
        Assert.Contains("Plain body", mime.TextBody, StringComparison.Ordinal);
        Assert.Equal("<p>HTML body</p>", mime.HtmlBody);
        Assert.Equal("notes.txt", Assert.Single(mime.Attachments).ContentDisposition!.FileName);
        var signature = mime.Headers[HeaderId.DkimSignature];
        Assert.Contains("d=parley.test", signature, StringComparison.Ordinal);
        Assert.Contains("s=parley", signature, StringComparison.Ordinal);
        Assert.Contains("c=relaxed/relaxed", signature, StringComparison.Ordinal);

        // An independent verifier (dkimpy) accepts the signature with the record Parley shows the user…
        Assert.Equal("pass", await DkimCheck.VerifyAsync(received.Path, sender.Dkim!));
        // …and rejects the same message once a signed header is changed, so the check can fail.
        var tampered = received.Path + ".tampered";
        await File.WriteAllBytesAsync(tampered, Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(received.Raw).Replace("Subject: ", "Subject: Re: ", StringComparison.Ordinal)));
        Assert.Equal("fail", await DkimCheck.VerifyAsync(tampered, sender.Dkim!));

        await Eventually.Until(async () => (await app.EventsAsync(messageId, DeliveryStatuses.Delivered)).Count == 3, Patience, "every recipient delivered");
        var delivered = await app.EventsAsync(messageId, DeliveryStatuses.Delivered, "ann@example.test");
        Assert.Contains("queued as SINK0001", Assert.Single(delivered).Detail("smtp_reply"), StringComparison.Ordinal);
        var stored = await app.MailDbAsync(db => db.Messages.AsNoTracking().SingleAsync(m => m.MessageId == messageId));
        Assert.Equal(MailDirections.Outbound, stored.Direction);
        Assert.NotNull(stored.SesMessageId);
        Assert.All(await app.EventsAsync(messageId), e => Assert.Equal(stored.SesMessageId, e.SesMessageId));
        var recipients = await app.MailDbAsync(db => db.MessageRecipients.AsNoTracking().Where(r => r.MessageId == messageId).Select(r => r.RecipientType + ":" + r.Address).ToListAsync());
        Assert.Equal(["bcc:carol@example.test", "cc:bob@example.test", "to:ann@example.test"], recipients.Order(StringComparer.Ordinal));
        // The stored raw is what went out.
        await using var scope = app.CreateScope();
        await using var raw = await scope.ServiceProvider.GetRequiredService<IBlobStore>().OpenReadAsync(stored.RawStorageKey);
        Assert.Equal(messageId, (await MimeMessage.LoadAsync(raw!)).MessageId);
    }

    [Theory, BothProviders]
    public async Task Delivery_is_retried_until_the_receiving_server_comes_up(string provider)
    {
        using var dns = await TestDnsServer.StartAsync(SendingData.RecipientZone());
        var port = TestSmtpSink.FreePort();
        await using var app = await TestApp.StartAsync(provider, SendingData.DirectMx(dns, port, retrySchedule: "1s,1s,1s,1s,1s,1s,1s,1s"));
        var sender = await app.AddSenderAsync();
        var client = await app.ClientWithAsync(Permissions.MailMessagesSend);
        var messageId = (await (await client.SendMailAsync(new { inbox_id = sender.InboxId, to = new[] { "ann@example.test" }, subject = "Retry me", text = "x" })).JsonAsync()).Str("message_id");

        // Nothing listens yet: the first attempt is refused and recorded as pending, with when it tries again.
        await Eventually.Until(async () => (await app.EventsAsync(messageId, DeliveryStatuses.Pending, "ann@example.test")).Count >= 1, Patience, "a failed attempt recorded");
        var attempt = (await app.EventsAsync(messageId, DeliveryStatuses.Pending, "ann@example.test"))[0];
        Assert.Equal("1", attempt.Detail("attempt"));
        Assert.Contains("refused", attempt.Detail("error"), StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(attempt.Detail("next_attempt_at"));
        Assert.Empty(await app.EventsAsync(messageId, DeliveryStatuses.Delivered));

        using var sink = await TestSmtpSink.StartAsync(port);
        await Eventually.Until(async () => (await app.EventsAsync(messageId, DeliveryStatuses.Delivered, "ann@example.test")).Count == 1, Patience, "delivered once the server is up");
        Assert.Equal("Retry me", MimeMessage.Load(new MemoryStream(Assert.Single(sink.Received()).Raw)).Subject);
        var job = await app.MailDbAsync(db => db.Jobs.AsNoTracking().SingleAsync(j => j.Kind == DeliveryJob.JobKind));
        Assert.True(job.Attempts >= 2, $"attempts: {job.Attempts}");
        await Eventually.Until(async () => (await app.MailDbAsync(db => db.Jobs.AsNoTracking().SingleAsync(j => j.Kind == DeliveryJob.JobKind))).State == JobStates.Succeeded, Patience);
    }

    [Theory, BothProviders]
    public async Task A_5xx_refusal_bounces_the_recipient_suppresses_it_and_tells_the_sender(string provider)
    {
        using var dns = await TestDnsServer.StartAsync(SendingData.RecipientZone());
        using var sink = await TestSmtpSink.StartAsync(null, "nobody");
        await using var app = await TestApp.StartAsync(provider, SendingData.DirectMx(dns, sink.Port));
        var sender = await app.AddSenderAsync();
        var client = await app.ClientWithAsync(Permissions.MailMessagesSend);
        var sent = await (await client.SendMailAsync(new { inbox_id = sender.InboxId, to = new[] { "nobody@example.test", "ann@example.test" }, subject = "Hello both", text = "x" })).JsonAsync();
        var messageId = sent.Str("message_id");
        var threadId = sent.GetProperty("thread_id").GetGuid();

        await Eventually.Until(async () => (await app.EventsAsync(messageId, DeliveryStatuses.Bounced, "nobody@example.test")).Count == 1, Patience, "the refused recipient bounced");
        Assert.Single(await app.EventsAsync(messageId, DeliveryStatuses.Delivered, "ann@example.test"));
        Assert.Equal(["ann@example.test"], Assert.Single(sink.Received()).RcptTos);
        var bounce = Assert.Single(await app.EventsAsync(messageId, DeliveryStatuses.Bounced));
        Assert.Equal(("5.1.1", "550"), (bounce.Detail("status"), bounce.Detail("smtp_code")));

        var suppressed = await app.MailDbAsync(db => db.SuppressedAddresses.AsNoTracking().SingleAsync());
        Assert.Equal(("nobody@example.test", SuppressionReasons.Bounce, messageId), (suppressed.Address, suppressed.Reason, suppressed.SourceMessageId));

        // The sender gets a delivery status notification in the same inbox and thread.
        var notice = await app.MailDbAsync(db => db.Messages.AsNoTracking().SingleAsync(m => m.Direction == MailDirections.Inbound));
        Assert.Equal(sender.InboxId, notice.InboxId);
        Assert.Equal(threadId, notice.ThreadId);
        Assert.Equal(messageId, notice.InReplyTo);
        await using (var scope = app.CreateScope())
        {
            await using var raw = await scope.ServiceProvider.GetRequiredService<IBlobStore>().OpenReadAsync(notice.RawStorageKey);
            var dsn = await MimeMessage.LoadAsync(raw!);
            var report = Assert.IsType<MultipartReport>(dsn.Body);
            Assert.Equal("delivery-status", report.ReportType);
            var status = Assert.Single(report.OfType<MessageDeliveryStatus>());
            var recipient = status.StatusGroups[1];
            Assert.Equal("rfc822; nobody@example.test", recipient["Final-Recipient"]);
            Assert.Equal("failed", recipient["Action"]);
            Assert.Equal("5.1.1", recipient["Status"]);
            Assert.Equal(messageId, Assert.Single(report.OfType<TextRfc822Headers>()).Message!.MessageId);
        }

        // Sending to the address again is refused up front, and nothing is stored.
        var before = await app.MailDbAsync(db => db.Messages.CountAsync());
        using var refused = await client.SendMailAsync(new { inbox_id = sender.InboxId, to = new[] { "ann@example.test" }, bcc = new[] { "Nobody@Example.test" }, subject = "Again", text = "x" });
        Assert.Equal((HttpStatusCode)422, refused.StatusCode);
        var problem = await refused.JsonAsync();
        Assert.Equal("address_suppressed", problem.Str("code"));
        Assert.Equal(["nobody@example.test"], problem.GetProperty("addresses").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(before, await app.MailDbAsync(db => db.Messages.CountAsync()));
    }

    [Theory, BothProviders]
    public async Task A_message_no_server_takes_before_the_retries_run_out_fails_without_suppressing(string provider)
    {
        using var dns = await TestDnsServer.StartAsync(SendingData.RecipientZone());
        await using var app = await TestApp.StartAsync(provider, SendingData.DirectMx(dns, TestSmtpSink.FreePort(), retrySchedule: "1s"));
        var sender = await app.AddSenderAsync();
        var client = await app.ClientWithAsync(Permissions.MailMessagesSend);
        var messageId = (await (await client.SendMailAsync(new { inbox_id = sender.InboxId, to = new[] { "ann@example.test" }, subject = "Lost", text = "x" })).JsonAsync()).Str("message_id");

        await Eventually.Until(async () => (await app.EventsAsync(messageId, DeliveryStatuses.Failed)).Count == 1, Patience, "failed after the last attempt");
        Assert.Single(await app.EventsAsync(messageId, DeliveryStatuses.Pending, "ann@example.test"));
        Assert.Equal("2", Assert.Single(await app.EventsAsync(messageId, DeliveryStatuses.Failed)).Detail("attempt"));
        Assert.Empty(await app.MailDbAsync(db => db.SuppressedAddresses.ToListAsync()));
        var notice = await app.MailDbAsync(db => db.Messages.AsNoTracking().SingleAsync(m => m.Direction == MailDirections.Inbound));
        Assert.Equal(messageId, notice.InReplyTo);
        Assert.Contains("ann@example.test", notice.BodyText, StringComparison.Ordinal);
    }

    [Theory, BothProviders]
    public async Task Through_a_relay_the_message_is_sent_and_signed_with_a_key_made_on_first_send(string provider)
    {
        using var relay = await TestSmtpSink.StartAsync();
        await using var app = await TestApp.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Mail:Outbound:Relay:Host"] = "127.0.0.1",
            ["Mail:Outbound:Relay:Port"] = relay.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail:Outbound:Relay:Security"] = "None",
        });
        // A domain made before sending existed: no key yet.
        var sender = await app.AddSenderAsync(withKey: false);
        Assert.Null(sender.Dkim);
        var client = await app.ClientWithAsync(Permissions.MailMessagesSend);
        var messageId = (await (await client.SendMailAsync(new { inbox_id = sender.InboxId, to = new[] { "someone@elsewhere.test", "other@faraway.test" }, subject = "Via relay", html = "<b>hi</b>" })).JsonAsync()).Str("message_id");

        await Eventually.Until(async () => (await app.EventsAsync(messageId, DeliveryStatuses.Sent)).Count == 2, Patience, "the relay took it for both domains");
        Assert.Empty(await app.EventsAsync(messageId, DeliveryStatuses.Delivered));
        Assert.Equal(2, relay.Received().Count);
        var domain = await app.MailDbAsync(db => db.Domains.AsNoTracking().SingleAsync());
        Assert.Equal(["parley"], domain.DkimTokens);
        var record = DkimKeys.TxtRecord(domain)!;
        Assert.Equal("parley._domainkey.parley.test", record.Name);
        Assert.StartsWith("v=DKIM1; k=rsa; p=", record.Value, StringComparison.Ordinal);
        Assert.All(relay.Received(), r => Assert.Equal("hello@parley.test", r.MailFrom));
        Assert.Equal("pass", await DkimCheck.VerifyAsync(relay.Received()[0].Path, record));
    }
}
