using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Security;
using Parley.Core.Webhooks;
using Parley.Mail.AuthKeys;
using Parley.Mail.Domains;
using Parley.Mail.Inboxes;
using Parley.Mail.Storage;
using Parley.Mail.Suppression;
using Parley.Mail.Tests.Api;
using Parley.Mail.Webhooks;
using Parley.Tests.Infrastructure;

namespace Parley.Mail.Tests.Security;

/// <summary>
/// A fresh domain for one call, so a call that deletes cannot change what the next caller meets: two inboxes
/// (the world's and another), a received message with an attachment in the first, a webhook endpoint scoped to
/// it, a suppressed address and a spare auth key.
/// </summary>
internal sealed record MailWorld(string Tag, Guid Domain, Guid Inbox, Guid OtherInbox, Guid Thread, string Message, Guid Attachment,
    Guid Webhook, string Suppressed, Guid SpareAuthKey, string SparePublicKeyPem, string ReceiverUrl)
{
    public static async Task<MailWorld> CreateAsync(TestApp app, string receiverUrl)
    {
        var tag = Guid.NewGuid().ToString("N")[..12];
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var domain = new MailDomain { Name = $"w{tag}.test", CreatedAt = now, UpdatedAt = now };
        var inbox = new Inbox { DomainId = domain.Id, LocalPart = "support", Name = "Support", CreatedAt = now, UpdatedAt = now };
        var other = new Inbox { DomainId = domain.Id, LocalPart = "other", Name = "Other", CreatedAt = now, UpdatedAt = now };
        using var spare = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var spareKey = new AuthKey { OrganizationId = "org-spare", Name = "spare", PublicKeyPem = spare.ExportSubjectPublicKeyInfoPem(), Algorithm = "ES256", CreatedAt = now };
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MailDbContext>();
            var keyring = scope.ServiceProvider.GetRequiredService<InstanceKeyring>();
            db.Domains.Add(domain);
            db.Inboxes.AddRange(inbox, other);
            db.SuppressedAddresses.Add(new SuppressedAddress { Address = $"gone-{tag}@example.test", Reason = SuppressionReasons.Manual, CreatedAt = now });
            db.AuthKeys.Add(spareKey);
            await db.SaveChangesAsync();
        }
        var webhook = new MailWebhookEndpoint
        {
            Url = receiverUrl,
            Secret = app.Services.GetRequiredService<InstanceKeyring>().Encrypt(WebhookTransport.SecretPurpose, Encoding.UTF8.GetBytes("whsec_test")),
            Events = ["message.received"],
            InboxIds = [inbox.Id],
            CreatedAt = now,
        };
        var messageId = $"{tag}@world.test";
        await app.ReceiveAsync(MailApiKit.WithAttachment(MailApiKit.Email(messageId, "Hello world", "hello there", to: $"support@w{tag}.test"), "a.txt", "text/plain", "bytes"), inbox.Id);
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MailDbContext>();
            db.WebhookEndpoints.Add(webhook);
            await db.SaveChangesAsync();
            var message = await db.Messages.AsNoTracking().SingleAsync(m => m.MessageId == messageId);
            var attachment = await db.Attachments.AsNoTracking().SingleAsync(a => a.MessageId == messageId);
            using var fresh = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            return new MailWorld(tag, domain.Id, inbox.Id, other.Id, message.ThreadId, messageId, attachment.Id, webhook.Id,
                $"gone-{tag}@example.test", spareKey.Id, fresh.ExportSubjectPublicKeyInfoPem(), receiverUrl);
        }
    }
}
