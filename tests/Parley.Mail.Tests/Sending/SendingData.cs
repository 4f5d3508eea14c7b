using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Mail.Delivery;
using Parley.Mail.Domains;
using Parley.Mail.Inboxes;
using Parley.Mail.Outbound;
using Parley.Mail.Storage;
using Parley.Tests.Infrastructure;

namespace Parley.Mail.Tests.Sending;

/// <summary>An inbox mail is sent from, and the DKIM record its domain publishes.</summary>
internal sealed record SenderInbox(Guid DomainId, Guid InboxId, string Address, DkimRecord? Dkim);

/// <summary>Shortcuts for sending tests: domains and inboxes as rows (the domain API is another part's), a fresh context per read.</summary>
internal static class SendingData
{
    /// <summary>Settings that deliver straight to the MX that <paramref name="dns"/> names, on <paramref name="mxPort"/>.</summary>
    public static Dictionary<string, string?> DirectMx(TestDnsServer dns, int mxPort, string retrySchedule = "1s,1s,1s,1s,1s,1s") => new()
    {
        ["Mail:Hostname"] = "mail.parley.test",
        ["Mail:DnsServer"] = dns.Endpoint,
        ["Mail:Outbound:MxPort"] = mxPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mail:Outbound:RetrySchedule"] = retrySchedule,
        ["Mail:Outbound:TimeoutSeconds"] = "10",
    };

    /// <summary>The zone of the recipients' domain: <c>example.test</c>, MX <c>mx.example.test</c> on loopback.</summary>
    public static DnsZone RecipientZone() => new DnsZone().Mx("example.test", "mx.example.test").A("mx.example.test");

    public static async Task<SenderInbox> AddSenderAsync(
        this TestApp app, string domain = "parley.test", string local = "hello", string name = "Hello Team",
        string? bounceAddress = null, string? replyTo = null, bool withKey = true, bool catchAll = false)
    {
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MailDbContext>();
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var row = await db.Domains.FirstOrDefaultAsync(d => d.Name == domain);
        if (row is null)
        {
            row = new MailDomain { Name = domain, BounceAddress = bounceAddress, ReplyToAddress = replyTo, CreatedAt = now, UpdatedAt = now };
            if (withKey)
            {
                scope.ServiceProvider.GetRequiredService<DkimKeys>().Assign(row);
            }
            db.Domains.Add(row);
        }
        var inbox = new Inbox { DomainId = row.Id, LocalPart = local, Name = name, IsCatchall = catchAll, CreatedAt = now, UpdatedAt = now };
        db.Inboxes.Add(inbox);
        await db.SaveChangesAsync();
        return new SenderInbox(row.Id, inbox.Id, $"{local}@{domain}", DkimKeys.TxtRecord(row));
    }

    public static async Task<T> MailDbAsync<T>(this TestApp app, Func<MailDbContext, Task<T>> query)
    {
        await using var scope = app.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<MailDbContext>());
    }

    public static Task<List<DeliveryEvent>> EventsAsync(this TestApp app, string messageId) =>
        app.MailDbAsync(db => db.DeliveryEvents.AsNoTracking().Where(e => e.MessageId == messageId).OrderBy(e => e.CreatedAt).ThenBy(e => e.Id).ToListAsync());

    /// <summary>The events of <paramref name="messageId"/> with <paramref name="status"/> for <paramref name="recipient"/>.</summary>
    public static async Task<List<DeliveryEvent>> EventsAsync(this TestApp app, string messageId, string status, string? recipient = null) =>
        (await app.EventsAsync(messageId))
        .Where(e => e.Status == status && (recipient is null || e.Detail("recipient") == recipient))
        .ToList();

    /// <summary>One field of an event's details, as text (PostgreSQL's jsonb re-formats the JSON, so no string matching).</summary>
    public static string? Detail(this DeliveryEvent e, string field)
    {
        using var json = System.Text.Json.JsonDocument.Parse(e.Details);
        return json.RootElement.TryGetProperty(field, out var value)
            ? value.ValueKind == System.Text.Json.JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;
    }

    public static async Task<HttpResponseMessage> SendMailAsync(this HttpClient client, object body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/mail/send") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        return await client.SendAsync(request);
    }
}
