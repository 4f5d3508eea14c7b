using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Security;
using Parley.Mail.Dns;
using Parley.Mail.Inbound;
using Parley.Mail.Smtp;
using Parley.Tests.Infrastructure;

namespace Parley.Mail.Tests.Authentication;

/// <summary>
/// DKIM and DMARC (with SPF) for whole messages against a real DNS server: signatures made by MimeKit and by an
/// independent signer (Debian's python3-dkim), alignment, policies, and the configured refusal.
/// </summary>
public sealed class InboundAuthenticationTests : IAsyncLifetime
{
    private static readonly RSA Key = RSA.Create(2048);
    private TestDnsServer _dns = null!;

    public async Task InitializeAsync()
    {
        var publicKey = Convert.ToBase64String(Key.ExportSubjectPublicKeyInfo());
        _dns = await TestDnsServer.StartAsync(new DnsZone()
            .Authoritative("test")
            .Txt("sender.test", "v=spf1 ip4:192.0.2.0/24 -all")
            .Txt("sel._domainkey.sender.test", "v=DKIM1; k=rsa; p=" + publicKey)
            .Txt("sel._domainkey.mail.sender.test", "v=DKIM1; k=rsa; p=" + publicKey)
            .Txt("_dmarc.sender.test", "v=DMARC1; p=reject; sp=quarantine")
            .Txt("strict.test", "v=spf1 ip4:192.0.2.0/24 -all")
            .Txt("sel._domainkey.mail.strict.test", "v=DKIM1; k=rsa; p=" + publicKey)
            .Txt("_dmarc.strict.test", "v=DMARC1; p=quarantine; adkim=s; aspf=s")
            .Txt("sel._domainkey.quiet.test", "v=DKIM1; k=rsa; p=" + publicKey)
            .Txt("quiet.test", "v=spf1 ip4:192.0.2.0/24 -all")
            .Txt("_dmarc.quiet.test", "not a dmarc record"));
    }

    public Task DisposeAsync()
    {
        _dns.Dispose();
        return Task.CompletedTask;
    }

    private InboundAuthentication Authentication(string onFailure = "accept", bool rejectQuarantine = true)
    {
        var options = Options.Create(new MailOptions
        {
            DnsServer = _dns.Endpoint,
            Inbound = new InboundOptions { OnAuthenticationFailure = onFailure, RejectDmarcQuarantine = rejectQuarantine },
        });
        var dns = new MailDns(options);
        return new InboundAuthentication(new SpfEvaluator(dns, options), new DkimVerification(dns, options), new DmarcEvaluator(dns), options);
    }

    private static SmtpEnvelope Envelope(string? mailFrom, string client = "192.0.2.7") =>
        new(mailFrom, ["support@example.test"], client, "mx.sender.test", Tls: false);

    private static MimeMessage Message(string from = "alice@sender.test")
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse("support@example.test"));
        message.Subject = "Signed";
        message.MessageId = "signed@sender.test";
        message.Date = TimeProvider.System.GetUtcNow();
        message.Body = new TextPart("plain") { Text = "The body that is signed.\r\n" };
        return message;
    }

    private static MimeMessage Sign(MimeMessage message, string domain)
    {
        var signer = new DkimSigner(DotNetUtilities.GetRsaKeyPair(Key).Private, domain, "sel")
        {
            HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Simple,
        };
        message.Prepare(EncodingConstraint.SevenBit);
        signer.Sign(message, [HeaderId.From, HeaderId.To, HeaderId.Subject, HeaderId.Date, HeaderId.MessageId]);
        // As received: the bytes on the wire, parsed again.
        return Reparse(message.ToString());
    }

    private static MimeMessage Reparse(string mime) => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(mime)));

    [Fact]
    public async Task A_signed_message_from_an_allowed_address_passes_SPF_DKIM_and_DMARC()
    {
        var results = await Authentication().EvaluateAsync(Sign(Message(), "sender.test"), Envelope("bounces@sender.test"), CancellationToken.None);

        Assert.Equal(("pass", "pass", "pass"), (results.Spf, results.Dkim, results.Dmarc));
        Assert.False(results.Reject);
        Assert.Equal("mx.example.test; spf=pass smtp.mailfrom=sender.test; dkim=pass header.d=sender.test; dmarc=pass policy.dmarc=reject header.from=sender.test",
            results.ToHeaderValue("mx.example.test"));
        Assert.Equal("pass", results.ToMetadata()["dkim"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_signature_made_by_an_independent_signer_verifies()
    {
        var unsigned = Message();
        unsigned.Prepare(EncodingConstraint.SevenBit);
        var signed = await SignWithPythonDkimAsync(unsigned.ToString(), "sender.test");

        var results = await Authentication().EvaluateAsync(Reparse(signed), Envelope("bounces@elsewhere.test", client: "198.51.100.9"), CancellationToken.None);

        Assert.Equal("pass", results.Dkim);
        // SPF is about another domain; the aligned DKIM signature alone passes DMARC.
        Assert.Equal("pass", results.Dmarc);
    }

    [Fact]
    public async Task A_body_altered_after_signing_fails_DKIM()
    {
        var signed = Sign(Message(), "sender.test").ToString().Replace("The body that is signed.", "The body that was changed.");

        var results = await Authentication().EvaluateAsync(Reparse(signed), Envelope("bounces@sender.test"), CancellationToken.None);

        Assert.Equal("fail", results.Dkim);
        Assert.Equal("pass", results.Spf);
        Assert.Equal("pass", results.Dmarc);
    }

    [Fact]
    public async Task DMARC_fails_when_nothing_aligned_passed_and_the_policy_decides_the_refusal()
    {
        var message = Message();
        var envelope = Envelope("bounces@sender.test", client: "198.51.100.9");

        var accepted = await Authentication("accept").EvaluateAsync(message, envelope, CancellationToken.None);
        var refused = await Authentication("reject").EvaluateAsync(message, envelope, CancellationToken.None);

        Assert.Equal(("fail", "none", "fail"), (accepted.Spf, accepted.Dkim, accepted.Dmarc));
        Assert.Equal("reject", accepted.DmarcPolicy);
        Assert.False(accepted.Reject);
        Assert.True(refused.Reject);
    }

    [Fact]
    public async Task A_subdomain_falls_back_to_the_organizational_record_and_its_sp_policy()
    {
        var message = Message("alice@news.sender.test");
        var envelope = Envelope("bounces@news.sender.test", client: "198.51.100.9");

        var quarantineRefused = await Authentication("reject").EvaluateAsync(message, envelope, CancellationToken.None);
        var quarantineKept = await Authentication("reject", rejectQuarantine: false).EvaluateAsync(message, envelope, CancellationToken.None);

        Assert.Equal("fail", quarantineRefused.Dmarc);
        Assert.Equal("quarantine", quarantineRefused.DmarcPolicy);
        Assert.True(quarantineRefused.Reject);
        Assert.False(quarantineKept.Reject);
    }

    [Fact]
    public async Task Relaxed_alignment_accepts_a_subdomain_signature_and_strict_alignment_does_not()
    {
        var relaxed = await Authentication().EvaluateAsync(Sign(Message(), "mail.sender.test"), Envelope(null, client: "198.51.100.9"), CancellationToken.None);
        var strict = await Authentication().EvaluateAsync(Sign(Message("alice@strict.test"), "mail.strict.test"), Envelope("bounces@mail.strict.test"), CancellationToken.None);

        Assert.Equal(("pass", "pass"), (relaxed.Dkim, relaxed.Dmarc));
        Assert.Equal("mx.sender.test", relaxed.SpfDomain);
        Assert.True(relaxed.SpfHelo);
        Assert.Equal(("pass", "fail"), (strict.Dkim, strict.Dmarc));
        Assert.Equal("quarantine", strict.DmarcPolicy);
    }

    [Fact]
    public async Task Without_a_DMARC_record_the_result_is_none_and_nothing_is_refused()
    {
        var results = await Authentication("reject").EvaluateAsync(Message("alice@quiet.test"), Envelope("bounces@quiet.test", client: "198.51.100.9"), CancellationToken.None);

        Assert.Equal(("fail", "none", "none"), (results.Spf, results.Dkim, results.Dmarc));
        Assert.False(results.Reject);
    }

    [Fact]
    public async Task The_server_resolves_through_Mail_DnsServer()
    {
        await using var app = await TestApp.StartAsync(TestDatabase.Sqlite, new Dictionary<string, string?>
        {
            ["Mail:DnsServer"] = _dns.Endpoint,
            ["Mail:Inbound:OnAuthenticationFailure"] = "reject",
        });
        await using var scope = app.CreateScope();
        var authentication = scope.ServiceProvider.GetRequiredService<InboundAuthentication>();

        var pass = await authentication.EvaluateAsync(Sign(Message(), "sender.test"), Envelope("bounces@sender.test"), CancellationToken.None);
        var fail = await authentication.EvaluateAsync(Message(), Envelope("bounces@sender.test", client: "198.51.100.9"), CancellationToken.None);

        Assert.Equal(("pass", "pass", "pass", false), (pass.Spf, pass.Dkim, pass.Dmarc, pass.Reject));
        Assert.Equal(("fail", "fail", true), (fail.Spf, fail.Dmarc, fail.Reject));
    }

    /// <summary>Signs with Debian's python3-dkim (<c>/usr/bin/python3</c>; the PATH one lacks the module).</summary>
    private static async Task<string> SignWithPythonDkimAsync(string mime, string domain)
    {
        var keyFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(keyFile, Key.ExportRSAPrivateKeyPem());
        try
        {
            var start = new ProcessStartInfo("/usr/bin/python3")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
                     {
                         "-c",
                         "import sys, dkim; m = sys.stdin.buffer.read(); k = open(sys.argv[1], 'rb').read(); " +
                         "sys.stdout.buffer.write(dkim.sign(m, b'sel', sys.argv[2].encode(), k, include_headers=[b'from', b'to', b'subject']) + m)",
                         keyFile, domain,
                     })
            {
                start.ArgumentList.Add(argument);
            }
            using var process = Process.Start(start)!;
            await process.StandardInput.WriteAsync(mime.ReplaceLineEndings("\r\n"));
            process.StandardInput.Close();
            var output = await process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, "python3-dkim: " + error);
            return output;
        }
        finally
        {
            File.Delete(keyFile);
        }
    }
}
