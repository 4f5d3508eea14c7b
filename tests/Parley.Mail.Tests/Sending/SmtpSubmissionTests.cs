using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Parley.Mail.Delivery;
using Parley.Mail.Messages;
using Parley.Mail.Outbound;
using Parley.Mail.Smtp;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Mail.Tests.Sending;

/// <summary>
/// Mail an authenticated SMTP session submits for outside recipients (the SMTP server hands it to
/// <see cref="SmtpSubmission"/>): it leaves exactly as API mail does, signed, to the recipient's MX.
/// </summary>
public sealed class SmtpSubmissionTests
{
    private static string Raw(string from, string to, string subject) =>
        $"From: Someone <{from}>\r\nTo: {to}\r\nSubject: {subject}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nHällo from a mail client.\r\n";

    private static async Task<SubmissionResult> SubmitAsync(TestApp app, Guid? user, string raw, params string[] recipients)
    {
        await using var scope = app.CreateScope();
        var envelope = new SmtpEnvelope("hello@parley.test", recipients, "127.0.0.1", "client.test", Tls: true, AuthenticatedUser: user);
        return await scope.ServiceProvider.GetRequiredService<SmtpSubmission>().SubmitAsync(envelope, new MemoryStream(Encoding.UTF8.GetBytes(raw)), CancellationToken.None);
    }

    [Theory, BothProviders]
    public async Task A_submitted_message_is_signed_stored_and_delivered_like_API_mail(string provider)
    {
        using var dns = await TestDnsServer.StartAsync(SendingData.RecipientZone());
        using var sink = await TestSmtpSink.StartAsync();
        await using var app = await TestApp.StartAsync(provider, SendingData.DirectMx(dns, sink.Port));
        var sender = await app.AddSenderAsync();
        var owner = (await app.SignInAsync()).User.GetProperty("id").GetGuid();

        var result = await SubmitAsync(app, owner, Raw("hello@parley.test", "ann@example.test", "From my client"), "ann@example.test", "hidden@example.test");

        Assert.True(result.Accepted, result.Text);
        Assert.Equal((250, "2.0.0"), (result.Code, result.EnhancedCode));
        await Eventually.Until(() => sink.Received().Count == 1, TimeSpan.FromSeconds(20), "the MX receives the submission");
        var received = Assert.Single(sink.Received());
        Assert.Equal(["ann@example.test", "hidden@example.test"], received.RcptTos.Order(StringComparer.Ordinal));
        Assert.Equal("pass", await DkimCheck.VerifyAsync(received.Path, sender.Dkim!));
        var mime = MimeMessage.Load(new MemoryStream(received.Raw));
        Assert.Equal(result.MessageId, mime.MessageId);
        Assert.Equal("Hällo from a mail client.", mime.TextBody!.TrimEnd());

        var stored = await app.MailDbAsync(db => db.Messages.AsNoTracking().SingleAsync());
        Assert.Equal((MailDirections.Outbound, sender.InboxId), (stored.Direction, stored.InboxId));
        Assert.Equal("smtp", System.Text.Json.JsonDocument.Parse(stored.Metadata).RootElement.GetProperty("source").GetString());
        var bcc = await app.MailDbAsync(db => db.MessageRecipients.AsNoTracking().Where(r => r.RecipientType == RecipientTypes.Bcc).Select(r => r.Address).ToListAsync());
        Assert.Equal(["hidden@example.test"], bcc);
        await Eventually.Until(async () => (await app.EventsAsync(stored.MessageId, DeliveryStatuses.Delivered)).Count == 2, TimeSpan.FromSeconds(20));
    }

    [Theory, BothProviders]
    public async Task Submissions_the_user_may_not_send_are_refused_with_5_7_1(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" });
        await app.AddSenderAsync();
        var admin = await app.SignInAsync();
        var owner = admin.User.GetProperty("id").GetGuid();
        var plainUser = await app.CreateUserAsync(admin.AccessToken, "bob", "a-long-enough-password-1");

        var notAllowed = await SubmitAsync(app, plainUser, Raw("hello@parley.test", "ann@example.test", "s"), "ann@example.test");
        var anonymous = await SubmitAsync(app, null, Raw("hello@parley.test", "ann@example.test", "s"), "ann@example.test");
        var foreignFrom = await SubmitAsync(app, owner, Raw("ceo@bank.test", "ann@example.test", "s"), "ann@example.test");
        var unknownInbox = await SubmitAsync(app, owner, Raw("nobody@parley.test", "ann@example.test", "s"), "ann@example.test");

        foreach (var refused in new[] { notAllowed, anonymous, foreignFrom, unknownInbox })
        {
            Assert.False(refused.Accepted);
            Assert.Equal((550, "5.7.1"), (refused.Code, refused.EnhancedCode));
        }
        Assert.Equal(0, await app.MailDbAsync(db => db.Messages.CountAsync()));
    }
}
