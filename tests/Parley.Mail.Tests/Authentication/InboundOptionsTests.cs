using Microsoft.Extensions.Options;
using MimeKit;
using Microsoft.Extensions.DependencyInjection;
using Parley.Mail.Inbound;
using Parley.Mail.Smtp;
using Parley.Tests.Infrastructure;

namespace Parley.Mail.Tests.Authentication;

/// <summary><c>Mail:Inbound</c> is validated at start, and its switches do what they say.</summary>
public sealed class InboundOptionsTests
{
    [Theory]
    [InlineData("Mail:Inbound:OnAuthenticationFailure", "drop")]
    [InlineData("Mail:Inbound:SubjectThreadingDays", "-1")]
    [InlineData("Mail:Inbound:SpfDnsLookupLimit", "0")]
    public async Task An_out_of_range_setting_stops_the_server_at_start(string key, string value)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TestApp.StartAsync(TestDatabase.Sqlite, new Dictionary<string, string?> { [key] = value }));
        Assert.Contains("Mail:Inbound", error.Message);
    }

    [Fact]
    public async Task Authentication_can_be_switched_off_and_then_asks_no_DNS()
    {
        // A resolver that does not exist: any lookup would be a temperror, not "none".
        await using var app = await TestApp.StartAsync(TestDatabase.Sqlite, new Dictionary<string, string?>
        {
            ["Mail:DnsServer"] = "127.0.0.1:9",
            ["Mail:Inbound:VerifyAuthentication"] = "false",
        });
        await using var scope = app.CreateScope();
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse("alice@sender.test"));
        message.Body = new TextPart("plain") { Text = "x" };

        var results = await scope.ServiceProvider.GetRequiredService<InboundAuthentication>()
            .EvaluateAsync(message, new SmtpEnvelope("alice@sender.test", ["a@example.test"], "192.0.2.1", "h.test", false), CancellationToken.None);

        Assert.Equal(("none", "none", "none", false), (results.Spf, results.Dkim, results.Dmarc, results.Reject));
    }
}
