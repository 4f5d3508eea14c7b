using Parley.Tests.Infrastructure;

namespace Parley.Mail.Tests.Smtp;

/// <summary>Every per-session limit of <c>Mail:Smtp</c> is enforced with its reply.</summary>
public sealed class SmtpLimitsTests
{
    [Fact]
    public async Task An_idle_client_gets_421_and_the_connection_closes()
    {
        await using var server = await SmtpTestApp.StartAsync(TestDatabase.Sqlite, new Dictionary<string, string?> { ["Mail:Smtp:IdleTimeoutSeconds"] = "1" });
        await using var client = await RawSmtpClient.ConnectAsync(server.Port);
        await client.ReadReplyAsync();

        var reply = await client.ReadReplyAsync(TimeSpan.FromSeconds(10));

        Assert.StartsWith("421 4.4.2", reply);
        Assert.Null(await client.ReadReplyAsync());
    }

    [Fact]
    public async Task A_connection_past_MaxSessions_gets_421_at_once()
    {
        await using var server = await SmtpTestApp.StartAsync(TestDatabase.Sqlite, new Dictionary<string, string?> { ["Mail:Smtp:MaxSessions"] = "1" });
        await using var first = await RawSmtpClient.ConnectAsync(server.Port);
        Assert.StartsWith("220", await first.ReadReplyAsync());

        await using var second = await RawSmtpClient.ConnectAsync(server.Port);
        Assert.StartsWith("421 4.3.2", await second.ReadReplyAsync());
        Assert.Null(await second.ReadReplyAsync());

        // The slot frees when the first session ends.
        await first.CommandAsync("QUIT");
        await Eventually.Until(async () =>
        {
            await using var third = await RawSmtpClient.ConnectAsync(server.Port);
            return (await third.ReadReplyAsync())?.StartsWith("220", StringComparison.Ordinal) == true;
        }, because: "a session slot frees when a session ends");
    }

    [Fact]
    public async Task Recipients_past_MaxRecipients_get_452()
    {
        await using var server = await SmtpTestApp.StartAsync(TestDatabase.Sqlite, new Dictionary<string, string?> { ["Mail:Smtp:MaxRecipients"] = "2" });
        await server.AddInboxAsync("two");
        await server.AddInboxAsync("three");
        var run = await SmtpClients.PythonAsync(server.Port, """
            import os, smtplib
            s = smtplib.SMTP('127.0.0.1', int(os.environ['PORT']))
            s.ehlo('client.test')
            s.docmd('MAIL', 'FROM:<a@b.test>')
            for who in ['hello', 'two', 'three']:
                code, msg = s.docmd('RCPT', 'TO:<%s@example.test>' % who)
                print(who, code, msg.decode())
            s.quit()
            """);

        Assert.Contains("hello 250 2.1.5", run.Output);
        Assert.Contains("two 250 2.1.5", run.Output);
        Assert.Contains("three 452 4.5.3", run.Output);
    }

    [Fact]
    public async Task Too_many_bad_commands_end_the_session_with_421()
    {
        await using var server = await SmtpTestApp.StartAsync(TestDatabase.Sqlite, new Dictionary<string, string?> { ["Mail:Smtp:MaxBadCommands"] = "3" });
        await using var client = await RawSmtpClient.ConnectAsync(server.Port);
        await client.ReadReplyAsync();

        Assert.StartsWith("500 5.5.2", await client.CommandAsync("GET / HTTP/1.1"));
        Assert.StartsWith("503 5.5.1", await client.CommandAsync("RCPT TO:<x@y.test>"));
        Assert.StartsWith("500 5.5.2", await client.CommandAsync("FROB"));

        Assert.Equal("421 4.7.0 mx.parley.test Too many errors; closing the connection", await client.ReadReplyAsync());
        Assert.Null(await client.ReadReplyAsync());
    }

    [Fact]
    public async Task Invalid_limits_stop_the_server_from_starting()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => SmtpTestApp.StartAsync(TestDatabase.Sqlite, new Dictionary<string, string?>
        {
            ["Mail:Smtp:MaxCommandLineLength"] = "100",
            ["Mail:Inbound:BlockedSenders:0"] = "not-an-address",
        }));

        Assert.Contains("Mail:Smtp:MaxCommandLineLength", failure.Message);
        Assert.Contains("Mail:Inbound:BlockedSenders:0", failure.Message);
    }
}
