using System.Net;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Parley.Mail.Smtp;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;
using Parley.Triage.Tests.Attachments;

namespace Parley.Triage.Tests.Inboxes;

/// <summary>
/// Parley's own inboxes read attachments as the IMAP path does: the message as Mail received it supplies attachment
/// text and, for a vision provider, the images — sent over SMTP to Parley's own server, seen in the LLM request.
/// </summary>
public sealed class InboxAttachmentsTests
{
    private const string Reply = """{"actions":[{"type":"archive"}],"category":"receipts","confidence":0.9,"reasoning":"a receipt"}""";

    [Theory, BothProviders]
    public async Task Attachment_text_and_images_of_stored_mail_reach_a_vision_provider(string provider)
    {
        await using var llm = await FakeLlmServer.StartAsync();
        await using var app = await TestApp.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Mail:Hostname"] = "mx.parley.test",
            ["Triage:llm_providers:0:name"] = "vision",
            ["Triage:llm_providers:0:api_url"] = llm.ChatCompletionsUrl.ToString(),
            ["Triage:llm_providers:0:default_model"] = "eyes",
            ["Triage:llm_providers:0:supports_vision"] = "true",
            ["Triage:attachments:enabled"] = "true",
            ["Triage:attachments:extract_images"] = "true",
            ["Triage:inboxes:0:address"] = "receipts@example.test",
        });
        var admin = (await app.SignInAsync()).AccessToken;
        var domain = (await InboxTriageTests.JsonAsync(app.SendAsync(HttpMethod.Post, "/api/mail/domains", admin, new { name = "example.test" }), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await InboxTriageTests.InboxAsync(app, admin, domain, "receipts");
        llm.Reply(Reply);

        var body = new BodyBuilder { TextBody = "See attached." };
        body.Attachments.Add("notes.txt", System.Text.Encoding.UTF8.GetBytes("Order 4711, paid by card."), new ContentType("text", "plain"));
        body.Attachments.Add("receipt.png", VisionImagesTests.Png, new ContentType("image", "png"));
        var message = new MimeMessage { Subject = "Your receipt", Body = body.ToMessageBody() };
        message.From.Add(new MailboxAddress("Shop", "shop@sender.test"));
        message.To.Add(new MailboxAddress(null, "receipts@example.test"));
        using (var client = new SmtpClient())
        {
            await client.ConnectAsync("127.0.0.1", app.Services.GetRequiredService<SmtpListener>().Endpoint!.Port, SecureSocketOptions.None);
            await client.SendAsync(message);
            await client.DisconnectAsync(quit: true);
        }
        await Eventually.Until(async () => await app.WithDbAsync(db => db.AuditLog.CountAsync()) == 1, TimeSpan.FromSeconds(20), "the decision");

        var request = Assert.Single(llm.Requests).Body;
        Assert.Contains("Order 4711, paid by card.", request, StringComparison.Ordinal);
        Assert.Contains("data:image/png;base64," + Convert.ToBase64String(VisionImagesTests.Png), request, StringComparison.Ordinal);
    }
}
