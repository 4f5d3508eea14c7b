using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Mail.Smtp;
using Parley.Modmail.Desks;
using Parley.Modmail.Storage;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Modmail.Tests.Email;

/// <summary>
/// The whole server with a desk fed by email: a Mail domain <c>support.test</c> with the inbox <c>help@support.test</c>
/// ("Help Desk", made through Mail's API), a community whose owner <see cref="Olive"/> is a Modmail super admin, a desk
/// for it, and the inbox marked as its support inbox through Modmail's API. Outgoing mail goes to <see cref="Sink"/> as
/// the relay.
/// </summary>
internal sealed class EmailDeskKit : IAsyncDisposable
{
    public const string InboxAddress = "help@support.test";

    private EmailDeskKit(TestApp app, TestSmtpSink sink, TestDnsServer dns)
    {
        App = app;
        Sink = sink;
        Dns = dns;
    }

    public TestApp App { get; }
    public TestSmtpSink Sink { get; }
    public TestDnsServer Dns { get; }
    public ChatUser Olive { get; private set; } = null!;
    public Guid CommunityId { get; private set; }
    public Guid DeskId { get; private set; }
    public Guid InboxId { get; private set; }
    public Guid OtherInboxId { get; private set; }
    public int SmtpPort => App.Services.GetRequiredService<SmtpListener>().Endpoint!.Port;

    public static async Task<EmailDeskKit> StartAsync(string provider, Action<Microsoft.AspNetCore.Builder.WebApplicationBuilder>? customize = null)
    {
        var sink = await TestSmtpSink.StartAsync();
        // An empty zone: SPF/DKIM lookups of the test senders answer at once (nothing published).
        var dns = await TestDnsServer.StartAsync(new DnsZone());
        var app = await TestApp.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Mail:Hostname"] = "mx.parley.test",
            ["Mail:DnsServer"] = dns.Endpoint,
            ["Mail:Outbound:Relay:Host"] = "127.0.0.1",
            ["Mail:Outbound:Relay:Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail:Outbound:Relay:Security"] = "None",
            ["Mail:Outbound:RetrySchedule"] = "1s,1s,1s",
            ["Modmail:SuperAdmins:0"] = "olive",
        }, customize);
        var kit = new EmailDeskKit(app, sink, dns);
        await kit.ArrangeAsync();
        return kit;
    }

    private async Task ArrangeAsync()
    {
        var admin = await App.SignInAsync();
        var domain = await OkAsync(HttpMethod.Post, "/api/mail/domains", admin.AccessToken, new { name = "support.test" });
        var domainId = domain.GetProperty("id").GetGuid();
        InboxId = (await OkAsync(HttpMethod.Post, "/api/mail/inboxes", admin.AccessToken, new { domain_id = domainId, local_part = "help", name = "Help Desk" })).GetProperty("id").GetGuid();
        OtherInboxId = (await OkAsync(HttpMethod.Post, "/api/mail/inboxes", admin.AccessToken, new { domain_id = domainId, local_part = "sales", name = "Sales" })).GetProperty("id").GetGuid();

        Olive = await App.UserAsync("olive");
        CommunityId = await App.CommunityAsync(Olive);
        DeskId = await AddDeskAsync(CommunityId);
        await App.OkJsonAsync(HttpMethod.Put, $"/api/modmail/desks/{DeskId}/support-inboxes/{InboxId}", Olive, new { display_name = "Crabs Support" });
    }

    /// <summary>A desk for <paramref name="communityId"/> (owned by <see cref="Olive"/>), made through Modmail's API: bot, Tickets group, row.</summary>
    public async Task<Guid> AddDeskAsync(Guid communityId) =>
        (await App.OkJsonAsync(HttpMethod.Post, "/api/modmail/desks", Olive, new { community_id = communityId })).GetProperty("id").GetGuid();

    public async Task<T> ModmailAsync<T>(Func<ModmailDbContext, Task<T>> query)
    {
        await using var scope = App.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<ModmailDbContext>());
    }

    /// <summary>The payloads (<c>inbox_id</c>, <c>message_id</c>) of the email intake jobs enqueued so far.</summary>
    public Task<List<(Guid InboxId, string MessageId)>> IntakeJobsAsync() =>
        ModmailAsync(async db => (await db.Jobs.AsNoTracking().Where(j => j.Kind == Transports.Email.EmailIntakeJob.JobKind).OrderBy(j => j.Id).Select(j => j.Payload).ToListAsync())
            .Select(p =>
            {
                using var json = JsonDocument.Parse(p);
                return (json.RootElement.GetProperty("inbox_id").GetGuid(), json.RootElement.GetProperty("message_id").GetString()!);
            }).ToList());

    private async Task<JsonElement> OkAsync(HttpMethod method, string path, string token, object body)
    {
        using var response = await App.SendAsync(method, path, token, body);
        var json = await response.JsonAsync();
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{method} {path}: {(int)response.StatusCode} {json}");
        return json;
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        Sink.Dispose();
        Dns.Dispose();
    }
}
