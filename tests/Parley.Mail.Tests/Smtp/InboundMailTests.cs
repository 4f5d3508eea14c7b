using System.Collections.Concurrent;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Parley.Core.Events;
using Parley.Mail.Storage;
using Parley.Mail.Suppression;
using Parley.Tests.Infrastructure;

namespace Parley.Mail.Tests.Smtp;

/// <summary>From RCPT to commit: which inbox takes a message, what is stored, and that 250 means committed.</summary>
public sealed class InboundMailTests
{
    [Theory, BothProviders]
    public async Task MailKit_sends_a_message_with_attachments_and_it_is_stored_with_its_raw_MIME(string provider)
    {
        await using var server = await SmtpTestApp.StartAsync(provider);
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Ada", "ada@sender.test"));
        message.To.Add(new MailboxAddress("Hello", SmtpTestApp.InboxAddress));
        message.Subject = "Quarterly report";
        var body = new BodyBuilder { TextBody = "See attached.", HtmlBody = "<p>See attached.</p>" };
        body.Attachments.Add("report.pdf", "%PDF-1.4 pretend"u8.ToArray(), new ContentType("application", "pdf"));
        // No line breaks: a text part travels with CRLF, which would change its size.
        body.Attachments.Add("data.csv", "a,b;1,2"u8.ToArray(), new ContentType("text", "csv"));
        message.Body = body.ToMessageBody();

        using (var client = new SmtpClient())
        {
            await client.ConnectAsync("127.0.0.1", server.Port, SecureSocketOptions.None);
            var response = await client.SendAsync(message);
            await client.DisconnectAsync(quit: true);
            Assert.Contains($"queued as <{message.MessageId}>", response);
        }

        var stored = Assert.Single(await server.MessagesAsync());
        Assert.Equal(message.MessageId, stored.MessageId);
        Assert.Equal("inbound", stored.Direction);
        Assert.Equal(server.InboxId, stored.InboxId);
        Assert.Equal("ada@sender.test", stored.FromAddress);
        Assert.Equal("Quarterly report", stored.Subject);
        Assert.Equal(server.InboxId, Assert.Single(await server.InboxLinksAsync()).InboxId);
        var raw = await server.RawAsync(stored);
        Assert.StartsWith("Received: from ", raw);
        Assert.Contains("filename=report.pdf", raw);
        Assert.Contains("filename=data.csv", raw);
        Assert.Equal(raw.Length, stored.RawSizeBytes);
        var attachments = await server.AttachmentsAsync();
        Assert.Equal(["data.csv", "report.pdf"], attachments.Select(a => a.Filename));
        Assert.All(attachments, a => Assert.Equal(message.MessageId, a.MessageId));
        Assert.Equal(["text/csv", "application/pdf"], attachments.Select(a => a.ContentType));
        Assert.Equal([7L, 16L], attachments.Select(a => a.SizeBytes));
        var envelope = SmtpTestApp.Metadata(stored).GetProperty("envelope");
        Assert.Equal("ada@sender.test", envelope.GetProperty("mail_from").GetString());
        Assert.Equal(SmtpTestApp.InboxAddress, Assert.Single(envelope.GetProperty("rcpt_to").EnumerateArray()).GetString());
        Assert.Equal("127.0.0.1", envelope.GetProperty("client_ip").GetString());
        Assert.False(envelope.GetProperty("tls").GetBoolean());
        Assert.False(string.IsNullOrEmpty(envelope.GetProperty("helo").GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.String, SmtpTestApp.Metadata(stored).GetProperty("authentication").GetProperty("spf").ValueKind);
    }

    [Theory, BothProviders]
    public async Task A_known_local_part_matches_case_insensitively_and_the_catch_all_takes_the_rest(string provider)
    {
        await using var server = await SmtpTestApp.StartAsync(provider);
        var catchAll = await server.AddInboxAsync("postmaster", catchAll: true);
        var gone = await server.AddDomainAsync("gone.test", deleted: true);
        await server.AddInboxAsync("hello", domainId: gone);

        var run = await SmtpClients.SwaksAsync(server.Port, "--from", "a@b.test", "--to", "HELLO@Example.Test,anything@example.test,hello@gone.test",
            "--header", "Subject: two inboxes", "--header", "Message-Id: <two@b.test>");

        Assert.Contains("<** 550 5.7.1 Relaying denied", run.Output);
        Assert.Contains("250 2.0.0 Ok: queued as <two@b.test>", run.Output);
        var stored = Assert.Single(await server.MessagesAsync());
        Assert.Equal(server.InboxId, stored.InboxId);
        Assert.Equal(new[] { server.InboxId, catchAll }.Order(), (await server.InboxLinksAsync()).Select(l => l.InboxId).Order());
        Assert.Equal(["hello@example.test", "anything@example.test"],
            SmtpTestApp.Metadata(stored).GetProperty("envelope").GetProperty("rcpt_to").EnumerateArray().Select(a => a.GetString()));
    }

    [Theory, BothProviders]
    public async Task A_suppressed_sender_is_refused_at_MAIL_FROM(string provider)
    {
        await using var server = await SmtpTestApp.StartAsync(provider);
        await server.WithDbAsync(async db =>
        {
            db.SuppressedAddresses.Add(new SuppressedAddress { Address = "bounced@b.test", Reason = SuppressionReasons.Bounce });
            await db.SaveChangesAsync();
        });

        var run = await SmtpClients.SwaksAsync(server.Port, "--from", "Bounced@B.test", "--to", SmtpTestApp.InboxAddress);

        Assert.Contains("<** 550 5.7.1 Sender refused", run.Output);
        Assert.Empty(await server.MessagesAsync());
    }

    [Theory, BothProviders]
    public async Task The_same_Message_ID_again_is_acknowledged_and_stored_once(string provider)
    {
        await using var server = await SmtpTestApp.StartAsync(provider);
        var other = await server.AddInboxAsync("other");
        string[] args = ["--from", "a@b.test", "--header", "Message-Id: <once@b.test>", "--header", "Subject: once"];

        var first = await SmtpClients.SwaksAsync(server.Port, [.. args, "--to", SmtpTestApp.InboxAddress]);
        var again = await SmtpClients.SwaksAsync(server.Port, [.. args, "--to", SmtpTestApp.InboxAddress]);
        var elsewhere = await SmtpClients.SwaksAsync(server.Port, [.. args, "--to", "other@example.test"]);

        Assert.Contains("250 2.0.0 Ok: queued as <once@b.test>", first.Output);
        Assert.Contains("250 2.0.0 Ok: queued as <once@b.test>", again.Output);
        Assert.Contains("250 2.0.0 Ok: queued as <once@b.test>", elsewhere.Output);
        Assert.Equal("once@b.test", Assert.Single(await server.MessagesAsync()).MessageId);
        Assert.Equal(new[] { server.InboxId, other }.Order(), (await server.InboxLinksAsync()).Select(l => l.InboxId).Order());
        // The copies' raw blobs (their Received lines differ) were not kept.
        Assert.Equal(1, server.BlobCount());
    }

    [Theory, BothProviders]
    public async Task A_failure_before_commit_answers_451_and_leaves_no_rows_and_no_blob(string provider)
    {
        await using var server = await SmtpTestApp.StartAsync(provider);
        await server.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(provider == TestDatabase.Sqlite
            ? "CREATE TRIGGER fail_messages BEFORE INSERT ON messages BEGIN SELECT RAISE(ABORT, 'storage is broken'); END;"
            : """
              CREATE FUNCTION mail.fail_messages() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'storage is broken'; END $$ LANGUAGE plpgsql;
              CREATE TRIGGER fail_messages BEFORE INSERT ON mail.messages FOR EACH ROW EXECUTE FUNCTION mail.fail_messages();
              """));

        var run = await SmtpClients.SwaksAsync(server.Port, "--from", "a@b.test", "--to", SmtpTestApp.InboxAddress, "--header", "Subject: lost");

        Assert.Contains("451 4.3.0", run.Output);
        Assert.Empty(await server.MessagesAsync());
        Assert.Empty(await server.InboxLinksAsync());
        Assert.Equal(0, server.BlobCount());
    }

    [Theory, BothProviders]
    public async Task EmailReceived_is_published_after_the_commit(string provider)
    {
        var log = new ReceivedLog();
        await using var server = await SmtpTestApp.StartAsync(provider, customize: builder =>
        {
            builder.Services.AddSingleton(log);
            builder.Services.AddEventHandler<EmailReceived, RecordReceived>();
        });

        var run = await SmtpClients.SwaksAsync(server.Port, "--from", "a@b.test", "--to", SmtpTestApp.InboxAddress, "--header", "Message-Id: <evt@b.test>");

        Assert.Contains("250 2.0.0", run.Output);
        var (received, committed) = Assert.Single(log.Events);
        Assert.Equal("evt@b.test", received.MessageId);
        Assert.Equal(server.InboxId, received.InboxId);
        Assert.True(committed, "the message row was committed before the event");
    }

    internal sealed class ReceivedLog
    {
        public ConcurrentQueue<(EmailReceived Event, bool Committed)> Events { get; } = new();
    }

    internal sealed class RecordReceived(ReceivedLog log, MailDbContext db) : IEventHandler<EmailReceived>
    {
        public async Task HandleAsync(EmailReceived e, CancellationToken cancellationToken) =>
            log.Events.Enqueue((e, await db.Messages.AnyAsync(m => m.MessageId == e.MessageId && m.ThreadId == e.ThreadId, cancellationToken)));
    }
}
