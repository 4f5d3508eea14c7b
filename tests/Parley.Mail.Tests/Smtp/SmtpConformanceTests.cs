using Parley.Tests.Infrastructure;

namespace Parley.Mail.Tests.Smtp;

/// <summary>RFC 5321 and its ESMTP extensions as real clients see them: Python's smtplib and swaks against the running server.</summary>
public sealed class SmtpConformanceTests
{
    private const string Connect = """
        import os, smtplib, ssl
        s = smtplib.SMTP()
        code, msg = s.connect('127.0.0.1', int(os.environ['PORT']))
        s._host = '127.0.0.1'  # what starttls() names as the TLS server
        def show(name, reply): print(name, reply[0], reply[1].decode())

        """;

    [Fact]
    public async Task The_greeting_and_EHLO_announce_every_extension()
    {
        await using var server = await SmtpTestApp.StartAsync(TestDatabase.Sqlite);
        var run = await SmtpClients.PythonAsync(server.Port, Connect + """
            print('greeting', code, msg.decode())
            show('ehlo', s.ehlo('client.test'))
            print('features', sorted(s.esmtp_features.items()))
            show('helo', s.helo('client.test'))
            s.quit()
            """);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("greeting 220 mx.parley.test ESMTP Parley", run.Output);
        Assert.Contains("ehlo 250 mx.parley.test Hello client.test", run.Output);
        Assert.Contains("('8bitmime', ''), ('enhancedstatuscodes', ''), ('pipelining', ''), ('size', '26214400'), ('smtputf8', ''), ('starttls', '')", run.Output);
        // No AUTH in clear: it is offered only inside TLS.
        Assert.DoesNotContain("'auth'", run.Output);
        Assert.Contains("helo 250 mx.parley.test", run.Output);
    }

    [Fact]
    public async Task Commands_out_of_order_unknown_or_malformed_get_their_codes()
    {
        await using var server = await SmtpTestApp.StartAsync(TestDatabase.Sqlite);
        var run = await SmtpClients.PythonAsync(server.Port, Connect + """
            show('mail-before-helo', s.docmd('MAIL', 'FROM:<a@b.test>'))
            show('auth-before-ehlo', s.docmd('AUTH', 'PLAIN'))
            show('starttls-before-ehlo', s.docmd('STARTTLS'))
            show('helo-empty', s.docmd('HELO'))
            s.ehlo('client.test')
            show('rcpt-before-mail', s.docmd('RCPT', 'TO:<hello@example.test>'))
            show('data-before-mail', s.docmd('DATA'))
            show('mail-bad-syntax', s.docmd('MAIL', 'FROM:a@b.test'))
            show('mail-bad-param', s.docmd('MAIL', 'FROM:<a@b.test> FOO=1'))
            show('mail', s.docmd('MAIL', 'FROM:<a@b.test>'))
            show('nested-mail', s.docmd('MAIL', 'FROM:<a@b.test>'))
            show('data-before-rcpt', s.docmd('DATA'))
            show('rcpt-bad-syntax', s.docmd('RCPT', 'TO:hello'))
            show('data-with-arg', s.docmd('DATA', 'now'))
            show('rset', s.docmd('RSET'))
            show('rcpt-after-rset', s.docmd('RCPT', 'TO:<hello@example.test>'))
            show('unknown', s.docmd('FROB'))
            show('expn', s.docmd('EXPN', 'list'))
            show('vrfy', s.docmd('VRFY', 'hello'))
            show('noop', s.docmd('NOOP'))
            show('help', s.docmd('HELP'))
            show('quit', s.docmd('QUIT'))
            """);

        Assert.True(run.ExitCode == 0, run.Output);
        foreach (var expected in new[]
        {
            "mail-before-helo 503 5.5.1", "auth-before-ehlo 503 5.5.1", "starttls-before-ehlo 503 5.5.1", "helo-empty 501 5.5.4",
            "rcpt-before-mail 503 5.5.1", "data-before-mail 503 5.5.1", "mail-bad-syntax 501 5.5.4", "mail-bad-param 555 5.5.4",
            "mail 250 2.1.0", "nested-mail 503 5.5.1", "data-before-rcpt 503 5.5.1", "rcpt-bad-syntax 501 5.5.4", "data-with-arg 501 5.5.4",
            "rset 250 2.0.0", "rcpt-after-rset 503 5.5.1", "unknown 500 5.5.2", "expn 502 5.5.1", "vrfy 252 2.5.0", "noop 250 2.0.0",
            "help 214 2.0.0", "quit 221 2.0.0",
        })
        {
            Assert.Contains(expected, run.Output);
        }
    }

    [Fact]
    public async Task Recipients_and_senders_are_checked_at_the_envelope()
    {
        await using var server = await SmtpTestApp.StartAsync(TestDatabase.Sqlite, new Dictionary<string, string?> { ["Mail:Inbound:BlockedSenders:0"] = "@spam.test" });
        var run = await SmtpClients.PythonAsync(server.Port, Connect + """
            s.ehlo('client.test')
            show('blocked-sender', s.docmd('MAIL', 'FROM:<anyone@SPAM.test>'))
            show('mail', s.docmd('MAIL', 'FROM:<a@b.test>'))
            show('known', s.docmd('RCPT', 'TO:<HeLLo@Example.TEST>'))
            show('unknown-local', s.docmd('RCPT', 'TO:<nobody@example.test>'))
            show('relay', s.docmd('RCPT', 'TO:<someone@elsewhere.test>'))
            s.quit()
            """);

        Assert.Contains("blocked-sender 550 5.7.1", run.Output);
        Assert.Contains("known 250 2.1.5", run.Output);
        Assert.Contains("unknown-local 550 5.1.1", run.Output);
        Assert.Contains("relay 550 5.7.1 Relaying denied", run.Output);
    }

    [Fact]
    public async Task SIZE_is_announced_and_enforced_before_and_during_DATA()
    {
        await using var server = await SmtpTestApp.StartAsync(TestDatabase.Sqlite, new Dictionary<string, string?> { ["Mail:Smtp:MaxMessageBytes"] = "4096" });
        var run = await SmtpClients.PythonAsync(server.Port, Connect + """
            s.ehlo('client.test')
            print('size', s.esmtp_features['size'])
            show('declared-too-large', s.docmd('MAIL', 'FROM:<a@b.test> SIZE=5000'))
            show('declared-ok', s.docmd('MAIL', 'FROM:<a@b.test> SIZE=1000'))
            s.docmd('RSET')
            # Undeclared: the limit holds while the data streams in.
            s.mail('a@b.test')
            s.rcpt('hello@example.test')
            show('sent-too-large', s.data('Subject: big\r\n\r\n' + ('x' * 70 + '\r\n') * 100))
            s.sendmail('a@b.test', ['hello@example.test'], 'Subject: small\r\n\r\nfits\r\n')
            print('small sent')
            s.quit()
            """);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("size 4096", run.Output);
        Assert.Contains("declared-too-large 552 5.3.4", run.Output);
        Assert.Contains("declared-ok 250 2.1.0", run.Output);
        Assert.Contains("sent-too-large 552 5.3.4", run.Output);
        Assert.Contains("small sent", run.Output);
        Assert.Equal("small", Assert.Single(await server.MessagesAsync()).Subject);
    }

    [Fact]
    public async Task A_pipelined_transaction_gets_every_reply_and_is_stored()
    {
        await using var server = await SmtpTestApp.StartAsync(TestDatabase.Sqlite);
        var run = await SmtpClients.SwaksAsync(server.Port, "--pipeline", "--from", "a@b.test", "--to", "hello@example.test,catch@example.test",
            "--header", "Subject: pipelined", "--body", "one batch");

        // catch@ has no inbox (and no catch-all yet): one recipient refused inside the batch, the other delivered.
        Assert.Contains("<** 550 5.1.1", run.Output);
        Assert.Contains("<-  250 2.0.0 Ok: queued as", run.Output);
        Assert.Equal("pipelined", Assert.Single(await server.MessagesAsync()).Subject);
    }

    [Fact]
    public async Task STARTTLS_upgrades_the_session_and_then_offers_AUTH()
    {
        await using var server = await SmtpTestApp.StartAsync(TestDatabase.Sqlite);
        var run = await SmtpClients.PythonAsync(server.Port, Connect + """
            s.ehlo('client.test')
            show('starttls-arg', s.docmd('STARTTLS', 'now'))
            show('starttls', s.starttls(context=ssl._create_unverified_context()))
            print('auth-before-ehlo-again', s.docmd('AUTH', 'PLAIN')[0])
            s.ehlo('client.test')
            print('features', sorted(s.esmtp_features))
            show('starttls-again', s.docmd('STARTTLS'))
            print('cipher', s.sock.version())
            s.sendmail('a@b.test', ['hello@example.test'], 'Subject: secret\r\n\r\nover tls\r\n')
            s.quit()
            """);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("starttls-arg 501 5.5.4", run.Output);
        Assert.Contains("starttls 220 2.0.0 Ready to start TLS", run.Output);
        Assert.Contains("auth-before-ehlo-again 503", run.Output);
        Assert.Contains("'auth'", run.Output);
        Assert.DoesNotContain("'starttls'", run.Output);
        Assert.Contains("starttls-again 503 5.5.1", run.Output);
        Assert.Contains("cipher TLSv1.", run.Output);
        var message = Assert.Single(await server.MessagesAsync());
        Assert.True(SmtpTestApp.Metadata(message).GetProperty("envelope").GetProperty("tls").GetBoolean());
        Assert.Contains("with ESMTPS", await server.RawAsync(message));
    }

    [Theory]
    [InlineData("PLAIN")]
    [InlineData("LOGIN")]
    public async Task AUTH_checks_Parley_accounts_inside_TLS(string mechanism)
    {
        await using var server = await SmtpTestApp.StartAsync(TestDatabase.Sqlite);
        var good = await SmtpClients.SwaksAsync(server.Port, "-tls", "--auth", mechanism, "--auth-user", TestApp.AdminUsername, "--auth-password", TestApp.AdminPassword,
            "--from", "admin@example.test", "--to", "friend@elsewhere.test", "--quit-after", "RCPT");
        var bad = await SmtpClients.SwaksAsync(server.Port, "-tls", "--auth", mechanism, "--auth-user", TestApp.AdminUsername, "--auth-password", "wrong-password",
            "--from", "admin@example.test", "--to", "hello@example.test", "--quit-after", "AUTH");

        Assert.Contains("235 2.7.0 Authentication successful", good.Output);
        // Authenticated: an outside recipient is a submission, not relaying.
        Assert.Contains("<~  250 2.1.5", good.Output);
        Assert.Contains("535 5.7.8", bad.Output);
    }

    [Fact]
    public async Task AUTH_in_clear_is_refused_unless_allowed()
    {
        await using var strict = await SmtpTestApp.StartAsync(TestDatabase.Sqlite);
        await using var lax = await SmtpTestApp.StartAsync(TestDatabase.Sqlite, new Dictionary<string, string?> { ["Mail:Smtp:AllowInsecureAuth"] = "true" });
        const string script = Connect + """
            s.ehlo('client.test')
            print('auth-offered', 'auth' in s.esmtp_features)
            show('auth', s.docmd('AUTH', 'PLAIN AGFkbWluAGNvcnJlY3QtaG9yc2UtYmF0dGVyeS1zdGFwbGU='))
            show('auth-again', s.docmd('AUTH', 'PLAIN AGFkbWluAGNvcnJlY3QtaG9yc2UtYmF0dGVyeS1zdGFwbGU='))
            show('auth-unknown', s.docmd('AUTH', 'CRAM-MD5'))
            s.quit()
            """;

        var refused = await SmtpClients.PythonAsync(strict.Port, script);
        var allowed = await SmtpClients.PythonAsync(lax.Port, script);

        Assert.Contains("auth-offered False", refused.Output);
        Assert.Contains("auth 538 5.7.11", refused.Output);
        Assert.Contains("auth-offered True", allowed.Output);
        Assert.Contains("auth 235 2.7.0", allowed.Output);
        Assert.Contains("auth-again 503 5.5.1", allowed.Output);
        Assert.Contains("auth-unknown 503 5.5.1", allowed.Output);
    }

    [Fact]
    public async Task SMTPUTF8_carries_a_UTF8_address_and_without_it_one_is_refused()
    {
        await using var server = await SmtpTestApp.StartAsync(TestDatabase.Sqlite);
        await server.AddInboxAsync("josé");
        var run = await SmtpClients.PythonAsync(server.Port, Connect + """
            s.ehlo('client.test')
            s.command_encoding = 'utf-8'
            show('utf8-without', s.docmd('MAIL', 'FROM:<rené@b.test>'))
            s.docmd('RSET')
            msg = 'From: René <rené@b.test>\r\nTo: josé@example.test\r\nSubject: Grüße\r\n\r\nHallo\r\n'.encode('utf-8')
            print('refused', s.sendmail('rené@b.test', ['JOSÉ@example.test'], msg, mail_options=['SMTPUTF8', 'BODY=8BITMIME']))
            s.quit()
            """);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("utf8-without 553 5.6.7", run.Output);
        Assert.Contains("refused {}", run.Output);
        var message = Assert.Single(await server.MessagesAsync());
        Assert.Equal("Grüße", message.Subject);
        Assert.Equal("rené@b.test", SmtpTestApp.Metadata(message).GetProperty("envelope").GetProperty("mail_from").GetString());
    }

    [Fact]
    public async Task Dot_stuffed_lines_are_stored_as_written()
    {
        await using var server = await SmtpTestApp.StartAsync(TestDatabase.Sqlite);
        // swaks stuffs the dots on the wire (".hidden" goes out as "..hidden"); the server must undo it.
        var run = await SmtpClients.SwaksAsync(server.Port, "--from", "a@b.test", "--to", "hello@example.test",
            "--data", "Subject: dots\r\n\r\nfirst\r\n.hidden\r\n..two dots\r\n.\r\n\r\nend");

        Assert.Contains("250 2.0.0 Ok: queued", run.Output);
        var raw = await server.RawAsync(Assert.Single(await server.MessagesAsync()));
        Assert.Contains("\r\nfirst\r\n.hidden\r\n..two dots\r\n.\r\n\r\nend\r\n", raw);
    }

    [Fact]
    public async Task A_command_line_past_the_limit_gets_500_and_the_session_goes_on()
    {
        await using var server = await SmtpTestApp.StartAsync(TestDatabase.Sqlite);
        await using var client = await RawSmtpClient.ConnectAsync(server.Port);
        await client.ReadReplyAsync();

        var exactly = await client.CommandAsync("NOOP " + new string('x', 512 - "NOOP \r\n".Length));
        var over = await client.CommandAsync("NOOP " + new string('x', 512 - "NOOP \r\n".Length + 1));
        var after = await client.CommandAsync("NOOP");

        Assert.StartsWith("250 2.0.0", exactly);
        Assert.StartsWith("500 5.5.2 Line too long", over);
        Assert.StartsWith("250 2.0.0", after);
    }

    [Fact]
    public async Task Commands_pipelined_behind_STARTTLS_are_dropped_not_run_inside_TLS()
    {
        await using var server = await SmtpTestApp.StartAsync(TestDatabase.Sqlite);
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync("127.0.0.1", server.Port);
        var stream = tcp.GetStream();
        Assert.StartsWith("220 ", await LineAsync(stream));
        await stream.WriteAsync("EHLO client.test\r\n"u8.ToArray());
        string line;
        do
        {
            line = await LineAsync(stream);
        }
        while (line[3] == '-');

        // CVE-2011-0411: a command injected in clear right behind STARTTLS.
        await stream.WriteAsync("STARTTLS\r\nHELP\r\n"u8.ToArray());
        Assert.StartsWith("220 2.0.0", await LineAsync(stream));
        await using var tls = new System.Net.Security.SslStream(stream, false, (_, _, _, _) => true);
        await tls.AuthenticateAsClientAsync("mx.parley.test");
        await tls.WriteAsync("NOOP\r\n"u8.ToArray());

        // The first reply inside TLS answers NOOP; the injected HELP (214) got none.
        Assert.Equal("250 2.0.0 Ok", await LineAsync(tls));
        await tls.WriteAsync("QUIT\r\n"u8.ToArray());
        Assert.StartsWith("221", await LineAsync(tls));
    }

    /// <summary>One reply line, read byte by byte so nothing after it is buffered away from a TLS handshake.</summary>
    private static async Task<string> LineAsync(Stream stream)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var bytes = new List<byte>();
        var one = new byte[1];
        while (await stream.ReadAsync(one, timeout.Token) == 1 && one[0] != '\n')
        {
            bytes.Add(one[0]);
        }
        return System.Text.Encoding.UTF8.GetString(bytes.ToArray()).TrimEnd('\r');
    }
}
