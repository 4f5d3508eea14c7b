using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Parley.Core.Blobs;
using Parley.Mail.Messages;
using Parley.Mail.Storage;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Mail.Tests.Api;

/// <summary>Arranging Mail API tests: domains and inboxes through the API, messages through the store the SMTP server uses.</summary>
internal static class MailApiKit
{
    public static async Task<JsonElement> OkJsonAsync(this Task<HttpResponseMessage> call, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await call;
        var json = await response.JsonAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {json}");
        return json;
    }

    public static async Task<string?> RefusedAsync(this Task<HttpResponseMessage> call, HttpStatusCode expected)
    {
        using var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? null : await response.ProblemCodeAsync();
    }

    public static Task<JsonElement> CreateDomainAsync(this TestApp app, string token, string name) =>
        app.SendAsync(HttpMethod.Post, "/api/mail/domains", token, new { name }).OkJsonAsync(HttpStatusCode.Created);

    public static async Task<Guid> CreateInboxAsync(this TestApp app, string token, Guid domainId, string localPart, bool catchall = false) =>
        (await app.SendAsync(HttpMethod.Post, "/api/mail/inboxes", token, new { domain_id = domainId, local_part = localPart, name = localPart.Length > 0 ? localPart : "catch-all", is_catchall = catchall })
            .OkJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();

    /// <summary>A domain and one inbox on it, made by the admin.</summary>
    public static async Task<(Guid Domain, Guid Inbox)> DomainWithInboxAsync(this TestApp app, string token, string domain = "example.test", string localPart = "support")
    {
        var created = await app.CreateDomainAsync(token, domain);
        var domainId = created.GetProperty("id").GetGuid();
        return (domainId, await app.CreateInboxAsync(token, domainId, localPart));
    }

    /// <summary>Stores <paramref name="mime"/> as received by <paramref name="inboxIds"/>: raw to the blob store, rows (attachments included) through the store, as the SMTP server does.</summary>
    public static async Task<string> ReceiveAsync(this TestApp app, MimeMessage mime, params Guid[] inboxIds)
    {
        await using var scope = app.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<MailDbContext>();
        var blobs = services.GetRequiredService<IBlobStore>();
        using var raw = new MemoryStream();
        await mime.WriteToAsync(raw);
        raw.Position = 0;
        var blob = await blobs.PutAsync(raw);
        var parsed = MailMessageParser.Parse(mime, "mx.test", TimeProvider.System.GetUtcNow().UtcDateTime);
        var (message, _) = await services.GetRequiredService<MailMessageStore>().AddAsync(
            db, parsed, MailDirections.Inbound, inboxIds, new StoredRaw(blob.Key, blob.Size), "{\"authentication\":{\"spf\":\"pass\",\"dkim\":\"none\",\"dmarc\":\"fail\"}}", default);
        await db.SaveChangesAsync();
        return message.MessageId;
    }

    public static MimeMessage Email(string messageId, string subject, string text, string from = "ana@outside.test", string to = "support@example.test",
        string? inReplyTo = null, DateTimeOffset? date = null)
    {
        var message = new MimeMessage { MessageId = messageId, Subject = subject, Date = date ?? TimeProvider.System.GetUtcNow() };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        if (inReplyTo is not null)
        {
            message.InReplyTo = inReplyTo;
        }
        message.Body = new TextPart("plain") { Text = text };
        return message;
    }

    public static MimeMessage WithAttachment(MimeMessage message, string filename, string contentType, string content)
    {
        var body = new BodyBuilder { TextBody = message.TextBody };
        body.Attachments.Add(filename, Encoding.UTF8.GetBytes(content), ContentType.Parse(contentType));
        message.Body = body.ToMessageBody();
        return message;
    }
}
