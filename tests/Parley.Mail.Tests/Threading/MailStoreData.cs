using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Parley.Core.Blobs;
using Parley.Mail.Domains;
using Parley.Mail.Inboxes;
using Parley.Mail.Messages;
using Parley.Mail.Storage;
using Parley.Tests.Infrastructure;

namespace Parley.Mail.Tests.Threading;

/// <summary>Data shortcuts for threading and store tests: a domain with inboxes, and messages stored the way RECV and SEND store them.</summary>
internal static class MailStoreData
{
    public static async Task<T> WithMailAsync<T>(this TestApp app, Func<MailDbContext, Task<T>> action)
    {
        await using var scope = app.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<MailDbContext>());
    }

    /// <summary>Creates domain <c>example.test</c> with inboxes <c>support@</c> and <c>sales@</c>; returns their ids.</summary>
    public static async Task<(Guid Support, Guid Sales)> AddInboxesAsync(this TestApp app)
    {
        return await app.WithMailAsync(async db =>
        {
            var now = DateTime.UnixEpoch;
            var domain = new MailDomain { Name = "example.test", CreatedAt = now, UpdatedAt = now };
            var support = new Inbox { DomainId = domain.Id, Name = "Support", LocalPart = "support", CreatedAt = now, UpdatedAt = now };
            var sales = new Inbox { DomainId = domain.Id, Name = "Sales", LocalPart = "sales", CreatedAt = now, UpdatedAt = now };
            db.Domains.Add(domain);
            db.Inboxes.AddRange(support, sales);
            await db.SaveChangesAsync();
            return (support.Id, sales.Id);
        });
    }

    /// <summary>Parses <paramref name="mime"/>, puts its raw bytes in the blob store, stores it through <see cref="MailMessageStore"/> and saves.</summary>
    public static async Task<StoreOutcome> StoreAsync(this TestApp app, string mime, params Guid[] inboxIds)
    {
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MailDbContext>();
        var store = scope.ServiceProvider.GetRequiredService<MailMessageStore>();
        var blobs = scope.ServiceProvider.GetRequiredService<IBlobStore>();
        var bytes = Encoding.UTF8.GetBytes(mime.ReplaceLineEndings("\r\n"));
        var raw = await blobs.PutAsync(new MemoryStream(bytes));
        var message = await MimeMessage.LoadAsync(new MemoryStream(bytes));
        var parsed = MailMessageParser.Parse(message, "mail.example.test", TimeProvider.System.GetUtcNow().UtcDateTime);
        var outcome = await store.AddAsync(db, parsed, MailDirections.Inbound, inboxIds, new StoredRaw(raw.Key, raw.Size), "{}", CancellationToken.None);
        await db.SaveChangesAsync();
        return outcome;
    }

    /// <summary>A plain message; <paramref name="date"/> defaults to now.</summary>
    public static string Mime(
        string messageId, string subject, string from = "alice@remote.test", string to = "support@example.test",
        string? inReplyTo = null, string? references = null, DateTimeOffset? date = null, string? cc = null)
    {
        var headers = new StringBuilder();
        headers.Append("From: ").Append(from).Append("\r\n");
        headers.Append("To: ").Append(to).Append("\r\n");
        if (cc is not null)
        {
            headers.Append("Cc: ").Append(cc).Append("\r\n");
        }
        headers.Append("Subject: ").Append(subject).Append("\r\n");
        headers.Append("Date: ").Append((date ?? TimeProvider.System.GetUtcNow()).ToString("r").Replace("GMT", "+0000")).Append("\r\n");
        if (messageId.Length > 0)
        {
            headers.Append("Message-ID: <").Append(messageId).Append(">\r\n");
        }
        if (inReplyTo is not null)
        {
            headers.Append("In-Reply-To: <").Append(inReplyTo).Append(">\r\n");
        }
        if (references is not null)
        {
            headers.Append("References: ").Append(string.Join(' ', references.Split(' ').Select(r => "<" + r + ">"))).Append("\r\n");
        }
        headers.Append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHello.\r\n");
        return headers.ToString();
    }

    public static Task<Guid> ThreadOfAsync(this TestApp app, string messageId) =>
        app.WithMailAsync(db => db.Messages.Where(m => m.MessageId == messageId).Select(m => m.ThreadId).SingleAsync());
}
