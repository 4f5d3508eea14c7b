using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Parley.Core.Blobs;
using Parley.Modmail.Staff;
using Parley.Modmail.Tests.Tickets;
using Parley.Modmail.Tickets;
using Parley.Modmail.Transports;
using Parley.Tests.Infrastructure;

namespace Parley.Modmail.Tests.Email;

/// <summary>
/// Files relayed as files over email: a mail's attachment (sent with swaks) lands in the ticket channel as a Chat file
/// staff download; a staff reply's file leaves as a MIME attachment of the mail the SMTP sink receives.
/// </summary>
public sealed class EmailFileRelayTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Theory, BothProviders]
    public async Task A_mails_attachment_reaches_the_ticket_channel_and_a_replys_file_leaves_as_a_mime_attachment(string provider)
    {
        await using var kit = await EmailDeskKit.StartAsync(provider);
        var report = Encoding.UTF8.GetBytes("invoice 42: 3 crabs\n");
        var path = Path.Combine(Path.GetTempPath(), $"parley-attach-{Guid.NewGuid():N}.txt");
        await File.WriteAllBytesAsync(path, report);
        try
        {
            var sent = await Swaks.SendAsync(kit.SmtpPort,
                "--from", "ann@member.test", "--to", EmailDeskKit.InboxAddress,
                "--header", "From: Ann Member <ann@member.test>", "--header", "Subject: My invoice",
                "--header", "Message-Id: <invoice-1@member.test>", "--body", "The invoice is attached.",
                "--attach-type", "text/plain", "--attach-name", "invoice.txt", "--attach", "@" + path);
            Assert.True(sent.ExitCode == 0, sent.Output);
        }
        finally
        {
            File.Delete(path);
        }

        await Eventually.Until(() => kit.ModmailAsync(db => db.TicketMessages.AnyAsync(m => m.DmMessageId == "invoice-1@member.test" && m.InboxMessageId != null)), Patience, "the mail is relayed");
        var ticket = await kit.ModmailAsync(db => db.Tickets.AsNoTracking().SingleAsync());
        var channel = Guid.Parse(ticket.ChannelId!);
        var file = Assert.Single(await ChatFiles.InChannelAsync(kit.App, channel, kit.Olive));
        Assert.Equal("invoice.txt", file.Name);
        Assert.StartsWith("**Ann Member**\nThe invoice is attached.", file.Text, StringComparison.Ordinal);
        await ChatFiles.AssertDownloadsAsync(kit.App, kit.Olive, file.FileId, report);

        // A staff reply with a file: the member's server gets a multipart mail with it attached.
        // Binary, so no line-ending canonicalisation of text parts can change it on the way.
        var plan = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        await using var scope = kit.App.CreateScope();
        var blob = await scope.ServiceProvider.GetRequiredService<IBlobStore>().PutAsync(new MemoryStream(plan));
        var (reply, refusal) = await scope.ServiceProvider.GetRequiredService<StaffReplies>().ReplyAsync(ticket.Id, new StaffActor(kit.Olive.Id, "Olive", "Owner"),
            "Refund on its way.", anonymous: false, [new TicketAttachment(blob.Key, "refund.bin", "application/octet-stream", blob.Size)], CancellationToken.None);
        Assert.Null(refusal);
        await Eventually.Until(() => Mails(kit).Any(m => m.TextBody?.Contains("Refund on its way", StringComparison.Ordinal) == true), Patience, "the reply arrives");
        var mail = Mails(kit).Single(m => m.TextBody?.Contains("Refund on its way", StringComparison.Ordinal) == true);
        Assert.IsType<Multipart>(mail.Body);
        var part = Assert.IsAssignableFrom<MimePart>(Assert.Single(mail.Attachments));
        Assert.Equal("refund.bin", part.FileName);
        using var decoded = new MemoryStream();
        await part.Content!.DecodeToAsync(decoded);
        Assert.Equal(plan, decoded.ToArray());
        Assert.NotNull(reply!.DmMessageId);
    }

    private static IEnumerable<MimeMessage> Mails(EmailDeskKit kit) => kit.Sink.Messages();
}
