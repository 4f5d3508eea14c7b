using Parley.Tests.Infrastructure;

namespace Parley.Mail.Tests.Smtp;

/// <summary>
/// SMTP smuggling: a client hides a second message behind a line end that some server takes for the end of
/// DATA. Parley ends DATA only at &lt;CRLF&gt;.&lt;CRLF&gt;; any bare CR or LF means the whole DATA (the
/// would-be second message included) is refused with 550 5.6.11 and nothing is stored. Raw socket writes:
/// real clients cannot produce these.
/// </summary>
public sealed class SmtpSmugglingTests
{
    public static TheoryData<string, string> Variants => new()
    {
        { "LF.LF", "\n.\n" },
        { "LF.CRLF", "\n.\r\n" },
        { "CRLF.LF", "\r\n.\n" },
        { "CR.CR", "\r.\r" },
        { "CR.CRLF", "\r.\r\n" },
        { "bare LF in a line", "\nmore text\r\n" },
        { "bare CR in a line", "\rmore text\r\n" },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task A_smuggled_end_of_data_is_refused_and_nothing_is_stored(string name, string fakeEnd)
    {
        await using var server = await SmtpTestApp.StartAsync(TestDatabase.Sqlite);
        var blobsBefore = server.BlobCount();
        await using var client = await RawSmtpClient.ConnectAsync(server.Port);
        await client.ReadReplyAsync();
        await client.CommandAsync("EHLO client.test");
        await client.CommandAsync("MAIL FROM:<a@b.test>");
        await client.CommandAsync("RCPT TO:<hello@example.test>");
        Assert.StartsWith("354", await client.CommandAsync("DATA"));

        await client.SendAsync("Subject: first\r\n\r\nhello" + fakeEnd
            + "MAIL FROM:<admin@example.test>\r\nRCPT TO:<hello@example.test>\r\nDATA\r\nSubject: smuggled\r\n\r\nspoofed\r\n.\r\n");

        var reply = await client.ReadReplyAsync();
        Assert.True(reply!.StartsWith("550 5.6.11", StringComparison.Ordinal), $"{name}: {reply}");
        // The smuggled commands were read as part of the refused DATA, never as commands.
        Assert.StartsWith("221 2.0.0", await client.CommandAsync("QUIT"));
        Assert.Empty(await server.MessagesAsync());
        Assert.Equal(blobsBefore, server.BlobCount());
    }

    [Fact]
    public async Task After_a_refused_DATA_the_session_sends_the_next_message_normally()
    {
        await using var server = await SmtpTestApp.StartAsync(TestDatabase.Sqlite);
        await using var client = await RawSmtpClient.ConnectAsync(server.Port);
        await client.ReadReplyAsync();
        await client.CommandAsync("EHLO client.test");
        await client.CommandAsync("MAIL FROM:<a@b.test>");
        await client.CommandAsync("RCPT TO:<hello@example.test>");
        await client.CommandAsync("DATA");
        Assert.StartsWith("550 5.6.11", await client.CommandAsync("Subject: bad\n\nbare\n.\r\n\r\n.") ?? "");

        await client.CommandAsync("MAIL FROM:<a@b.test>");
        await client.CommandAsync("RCPT TO:<hello@example.test>");
        await client.CommandAsync("DATA");
        var reply = await client.CommandAsync("Subject: good\r\n\r\n.leading dot stuffed\r\n.");

        Assert.StartsWith("250 2.0.0", reply);
        var message = Assert.Single(await server.MessagesAsync());
        Assert.Equal("good", message.Subject);
        Assert.EndsWith("\r\n\r\nleading dot stuffed\r\n", await server.RawAsync(message));
    }
}
