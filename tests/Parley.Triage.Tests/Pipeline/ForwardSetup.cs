using System.Globalization;
using System.Net;
using System.Text.Json;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Triage.Tests.Pipeline;

/// <summary>
/// The settings and steps the forward tests share: the harness's rule forwarding to books@elsewhere.test, the account's
/// <c>forward.smtp</c> relay or <c>forward.from_inbox</c> through Mail's relay (both a <see cref="TestSmtpSink"/>), and
/// the Parley inbox desk@example.test it sends from.
/// </summary>
internal static class ForwardSetup
{
    public const string To = "books@elsewhere.test";
    public const string Inbox = "desk@example.test";

    public static Action<Dictionary<string, string?>> ForwardingRule(Action<Dictionary<string, string?>> transport) => settings =>
    {
        settings["Triage:rules:0:actions:1:type"] = "forward";
        settings["Triage:rules:0:actions:1:forward_to"] = To;
        transport(settings);
    };

    public static Action<Dictionary<string, string?>> Relay(TestSmtpSink sink) => settings =>
    {
        settings["Triage:accounts:0:forward:from"] = "triage@parley.test";
        settings["Triage:accounts:0:forward:smtp:host"] = "127.0.0.1";
        settings["Triage:accounts:0:forward:smtp:port"] = sink.Port.ToString(CultureInfo.InvariantCulture);
        settings["Triage:accounts:0:forward:smtp:tls"] = "insecure";
    };

    public static Action<Dictionary<string, string?>> ThroughMail(TestSmtpSink sink) => settings =>
    {
        settings["Triage:accounts:0:forward:from_inbox"] = Inbox;
        settings["Mail:Outbound:Relay:Host"] = "127.0.0.1";
        settings["Mail:Outbound:Relay:Port"] = sink.Port.ToString(CultureInfo.InvariantCulture);
        settings["Mail:Outbound:Relay:Security"] = "None";
    };

    /// <summary>The domain example.test and the inbox desk@ in it, through Mail's API as the admin.</summary>
    public static async Task CreateInboxAsync(TestApp app)
    {
        var admin = (await app.SignInAsync()).AccessToken;
        var domain = (await CreatedAsync(app.SendAsync(HttpMethod.Post, "/api/mail/domains", admin, new { name = "example.test" }))).GetProperty("id").GetGuid();
        await CreatedAsync(app.SendAsync(HttpMethod.Post, "/api/mail/inboxes", admin, new { domain_id = domain, local_part = "desk", name = "Desk" }));
    }

    private static async Task<JsonElement> CreatedAsync(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
