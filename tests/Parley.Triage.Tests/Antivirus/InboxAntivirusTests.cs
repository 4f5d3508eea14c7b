using System.Net;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Parley.Mail.Smtp;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;
using Parley.Triage.Tests.Inboxes;

namespace Parley.Triage.Tests.Antivirus;

/// <summary>Parley's own inboxes are scanned too: mail received over SMTP with a virus never reaches the LLM.</summary>
public sealed class InboxAntivirusTests
{
    private static async Task<(TestApp App, string Admin)> StartAsync(string provider, FakeClamd clamd, FakeLlmServer llm, string onVirus, string onScanError = "classify")
    {
        var app = await TestApp.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Mail:Hostname"] = "mx.parley.test",
            ["Triage:llm_providers:0:name"] = "fake",
            ["Triage:llm_providers:0:api_url"] = llm.ChatCompletionsUrl.ToString(),
            ["Triage:llm_providers:0:default_model"] = "fake-model",
            ["Triage:antivirus:enabled"] = "true",
            ["Triage:antivirus:host"] = "127.0.0.1",
            ["Triage:antivirus:port"] = clamd.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Triage:antivirus:on_virus_detected"] = onVirus,
            ["Triage:antivirus:on_scan_error"] = onScanError,
            ["Triage:inboxes:0:address"] = "receipts@example.test",
        });
        var admin = (await app.SignInAsync()).AccessToken;
        var domain = (await InboxTriageTests.JsonAsync(app.SendAsync(HttpMethod.Post, "/api/mail/domains", admin, new { name = "example.test" }), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await InboxTriageTests.InboxAsync(app, admin, domain, "receipts");
        return (app, admin);
    }

    /// <summary>An email with an attachment sent over SMTP to receipts@; returns its Message-ID.</summary>
    private static async Task<string> SendInfectedAsync(TestApp app)
    {
        var body = new BodyBuilder { TextBody = "See attached." };
        body.Attachments.Add("invoice.exe", "MZ"u8.ToArray(), new ContentType("application", "octet-stream"));
        var message = new MimeMessage { Subject = "Your invoice", Body = body.ToMessageBody() };
        message.From.Add(new MailboxAddress("Shop", "shop@sender.test"));
        message.To.Add(new MailboxAddress(null, "receipts@example.test"));
        using var client = new SmtpClient();
        await client.ConnectAsync("127.0.0.1", app.Services.GetRequiredService<SmtpListener>().Endpoint!.Port, SecureSocketOptions.None);
        await client.SendAsync(message);
        await client.DisconnectAsync(quit: true);
        return message.MessageId!;
    }

    [Theory, BothProviders]
    public async Task Stored_mail_with_a_virus_is_quarantined_without_the_llm(string provider)
    {
        await using var clamd = FakeClamd.Start();
        clamd.Reply = "stream: Test.Signature FOUND";
        await using var llm = await FakeLlmServer.StartAsync();
        var (app, _) = await StartAsync(provider, clamd, llm, "quarantine");
        await using var __ = app;

        await SendInfectedAsync(app);
        await Eventually.Until(async () => await app.WithDbAsync(db => db.AuditLog.CountAsync()) == 1, TimeSpan.FromSeconds(20), "the decision");

        var entry = await app.WithDbAsync(db => db.AuditLog.AsNoTracking().SingleAsync());
        Assert.Equal("virus: Test.Signature", entry.Reasoning);
        Assert.Contains("\"Quarantine\"", entry.Actions, StringComparison.Ordinal);
        Assert.Equal("MZ"u8.ToArray(), Assert.Single(clamd.Scans).Content);
        Assert.Empty(llm.Requests);
    }

    [Theory, BothProviders]
    public async Task Flag_only_labels_stored_mail_before_classifying_so_a_failed_classification_keeps_them(string provider)
    {
        await using var clamd = FakeClamd.Start();
        clamd.Reply = "stream: Test.Signature FOUND";
        await using var llm = await FakeLlmServer.StartAsync();
        var (app, admin) = await StartAsync(provider, clamd, llm, "flag_only");
        await using var __ = app;
        llm.Status(500);

        var infected = await SendInfectedAsync(app);
        await Eventually.Until(async () => await app.WithDbAsync(db => db.DeadLetters.CountAsync()) == 1, TimeSpan.FromSeconds(20), "a dead letter");

        // $Virus and \Flagged as labels (InboxActions.FlagLabel), set before the LLM failed.
        Assert.Equal(["flagged", "virus"], (await InboxTriageTests.LabelsAsync(app, admin, infected)).Order(StringComparer.Ordinal));
        Assert.Equal(0, await app.WithDbAsync(db => db.AuditLog.CountAsync()));
    }

    [Theory, BothProviders]
    public async Task With_on_scan_error_dead_letter_stored_mail_clamd_could_not_scan_is_not_classified(string provider)
    {
        await using var clamd = FakeClamd.Start();
        clamd.Reply = "INSTREAM size limit exceeded. ERROR";
        await using var llm = await FakeLlmServer.StartAsync();
        var (app, _) = await StartAsync(provider, clamd, llm, "quarantine", onScanError: "dead_letter");
        await using var __ = app;

        await SendInfectedAsync(app);
        await Eventually.Until(async () => await app.WithDbAsync(db => db.DeadLetters.CountAsync()) == 1, TimeSpan.FromSeconds(20), "a dead letter");

        var entry = await app.WithDbAsync(db => db.DeadLetters.AsNoTracking().SingleAsync());
        Assert.StartsWith("scan_failed: ", entry.Error, StringComparison.Ordinal);
        Assert.Empty(llm.Requests);
        Assert.Equal(0, await app.WithDbAsync(db => db.AuditLog.CountAsync()));
    }
}
