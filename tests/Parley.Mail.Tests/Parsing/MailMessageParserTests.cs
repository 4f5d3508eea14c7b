using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Parley.Core.Blobs;
using Parley.Mail.Messages;
using Parley.Mail.Tests.Threading;
using Parley.Tests.Infrastructure;

namespace Parley.Mail.Tests.Parsing;

/// <summary>Real MIME, as mail clients write it, read into what Parley stores.</summary>
public sealed class MailMessageParserTests
{
    private static readonly DateTime Now = new(2026, 5, 6, 7, 8, 9, DateTimeKind.Utc);

    internal static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% not really a pdf, but bytes with \x00 a NUL\n")
        .Concat(Enumerable.Range(0, 300).Select(i => (byte)i)).ToArray();

    internal static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    /// <summary>Thunderbird-style: encoded subject and name, quoted-printable Latin-1 text, HTML alternative.</summary>
    private const string Alternative = """
        Return-Path: <Alice@Remote.Test>
        From: =?UTF-8?Q?Al=C3=AFce_Dupr=C3=A9?= <Alice.Dupre@Remote.TEST>
        To: Support <support@example.test>, "Bob, B." <BOB@example.test>
        Cc: carol@example.test
        Subject: =?UTF-8?B?UmU6IEPDtHRlIGQnSXZvaXJlIOKAkyDinJM=?=
        Date: Tue, 05 May 2026 09:30:00 +0200
        Message-ID: <CAF=Mixed.Case+id@mail.remote.test>
        In-Reply-To: <Parent.ID@example.test>
        References: <Root@remote.test>
         <Middle@remote.test> <Parent.ID@example.test>
        MIME-Version: 1.0
        Content-Type: multipart/alternative; boundary="alt"

        --alt
        Content-Type: text/plain; charset=iso-8859-1
        Content-Transfer-Encoding: quoted-printable

        Bonjour, voil=E0 le caf=E9.
        --alt
        Content-Type: text/html; charset=utf-8

        <p>Bonjour, voil&agrave; le <b>caf&eacute;</b>.</p>
        --alt--
        """;

    /// <summary>Apple Mail-style: HTML with an inline image (cid:), and a PDF attachment.</summary>
    private static string Mixed() => $"""
        From: bob@other.test
        To: support@example.test
        Subject: Report
        Date: Wed, 06 May 2026 10:00:00 +0000
        Message-ID: <mixed@other.test>
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="mix"

        --mix
        Content-Type: multipart/related; boundary="rel"

        --rel
        Content-Type: multipart/alternative; boundary="alt"

        --alt
        Content-Type: text/plain; charset=utf-8

        See the chart.
        --alt
        Content-Type: text/html; charset=utf-8

        <p>See the chart: <img src="cid:chart@other.test"></p>
        --alt--
        --rel
        Content-Type: image/png
        Content-Transfer-Encoding: base64
        Content-ID: <chart@other.test>
        Content-Disposition: inline

        {Convert.ToBase64String(Png, Base64FormattingOptions.InsertLineBreaks)}
        --rel--
        --mix
        Content-Type: application/pdf; name="ignored.pdf"
        Content-Transfer-Encoding: base64
        Content-Disposition: attachment; filename="../../Quarterly report.pdf"

        {Convert.ToBase64String(Pdf, Base64FormattingOptions.InsertLineBreaks)}
        --mix
        Content-Type: message/rfc822

        From: dave@fourth.test
        Subject: Forwarded
        Message-ID: <inner@fourth.test>

        Inner body.
        --mix--
        """;

    private static MimeMessage Load(string mime) =>
        MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(mime.ReplaceLineEndings("\r\n"))));

    [Fact]
    public void Headers_addresses_and_alternative_bodies_are_read_with_their_charsets()
    {
        var mail = MailMessageParser.Parse(Load(Alternative), "mail.example.test", Now);

        Assert.Equal("CAF=Mixed.Case+id@mail.remote.test", mail.MessageId);
        Assert.False(mail.MessageIdGenerated);
        Assert.Equal(new MailAddress("alice.dupre@remote.test", "Alïce Dupré"), mail.From);
        Assert.Equal([new MailAddress("support@example.test", "Support"), new MailAddress("bob@example.test", "Bob, B.")], mail.To);
        Assert.Equal([new MailAddress("carol@example.test", null)], mail.Cc);
        Assert.Empty(mail.Bcc);
        Assert.Equal("Re: Côte d'Ivoire – ✓", mail.Subject);
        Assert.Equal(new DateTime(2026, 5, 5, 7, 30, 0, DateTimeKind.Utc), mail.SentAt);
        Assert.Equal("Parent.ID@example.test", mail.InReplyTo);
        Assert.Equal(["Root@remote.test", "Middle@remote.test", "Parent.ID@example.test"], mail.References);
        Assert.Equal("Bonjour, voilà le café.", mail.BodyText!.Trim());
        Assert.Contains("<b>caf&eacute;</b>", mail.BodyHtml);
        Assert.Empty(mail.Attachments);
    }

    [Fact]
    public void Attachments_inline_images_and_attached_messages_are_parts_beside_the_bodies()
    {
        var mail = MailMessageParser.Parse(Load(Mixed()), "mail.example.test", Now);

        Assert.Equal("See the chart.", mail.BodyText!.Trim());
        Assert.Contains("cid:chart@other.test", mail.BodyHtml);
        Assert.Equal(3, mail.Attachments.Count);
        var image = mail.Attachments[0];
        Assert.Equal(("image/png", "chart@other.test", true), (image.ContentType, image.ContentId, image.Inline));
        Assert.Equal("part-1.png", image.Filename);
        var pdf = mail.Attachments[1];
        Assert.Equal(("Quarterly report.pdf", "application/pdf", null, false), (pdf.Filename, pdf.ContentType, pdf.ContentId, pdf.Inline));
        var attached = mail.Attachments[2];
        Assert.Equal(("message/rfc822", "message-3.eml"), (attached.ContentType, attached.Filename));
    }

    [Fact]
    public void A_message_without_Message_ID_or_Date_gets_a_generated_id_on_our_host_and_the_time_of_arrival()
    {
        var mail = MailMessageParser.Parse(Load("From: a@b.test\r\nSubject: bare\r\n\r\nbody\r\n"), "mx.parley.test", Now);

        Assert.True(mail.MessageIdGenerated);
        Assert.EndsWith("@mx.parley.test", mail.MessageId);
        Assert.DoesNotContain('<', mail.MessageId);
        Assert.Equal(Now, mail.SentAt);
        Assert.Null(mail.InReplyTo);
        Assert.Empty(mail.References);
        Assert.Equal("body", mail.BodyText!.Trim());
        Assert.Null(mail.BodyHtml);
    }

    [Theory, BothProviders]
    public async Task The_store_puts_each_parts_decoded_bytes_in_the_blob_store(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (support, _) = await app.AddInboxesAsync();

        var outcome = await app.StoreAsync(Mixed(), support);

        var rows = await app.WithMailAsync(db => db.Attachments.Where(a => a.MessageId == "mixed@other.test").ToListAsync());
        Assert.Equal(3, rows.Count);
        var pdf = rows.Single(a => a.ContentType == "application/pdf");
        Assert.Equal("Quarterly report.pdf", pdf.Filename);
        Assert.Equal(Pdf.Length, pdf.SizeBytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Pdf)), pdf.StorageKey);
        var image = rows.Single(a => a.ContentType == "image/png");
        Assert.Equal("chart@other.test", image.ContentId);
        Assert.Equal(Png, await ReadBlobAsync(app, image.StorageKey));
        var eml = Encoding.UTF8.GetString(await ReadBlobAsync(app, rows.Single(a => a.ContentType == "message/rfc822").StorageKey));
        Assert.Contains("Message-ID: <inner@fourth.test>", eml);
        Assert.Equal(3, outcome.Attachments.Count);
        var message = await app.WithMailAsync(db => db.Messages.SingleAsync(m => m.MessageId == "mixed@other.test"));
        Assert.Equal("bob@other.test", message.FromAddress);
        Assert.Contains("cid:chart@other.test", message.BodyHtml);
    }

    private static async Task<byte[]> ReadBlobAsync(TestApp app, string key)
    {
        await using var scope = app.CreateScope();
        var blobs = scope.ServiceProvider.GetRequiredService<IBlobStore>();
        await using var stream = await blobs.OpenReadAsync(key) ?? throw new InvalidOperationException("no blob " + key);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
