using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MimeKit.Utils;
using Parley.Core.Blobs;
using Parley.Mail.Inbound;
using Parley.Mail.Outbound;

namespace Parley.Mail.Smtp;

/// <summary>The services every session shares, handed over by <see cref="SmtpServer"/>.</summary>
internal sealed record SmtpSessionServices(
    SmtpServerOptions Options,
    string Hostname,
    SmtpCertificate Certificate,
    SmtpAuthenticator Authenticator,
    IServiceScopeFactory Scopes,
    IBlobStore Blobs,
    TimeProvider Clock,
    ILogger Logger);

/// <summary>
/// One SMTP conversation (RFC 5321 with the ESMTP extensions Parley announces), as a state machine:
/// greeting → EHLO/HELO → [STARTTLS → EHLO] → [AUTH] → MAIL → RCPT… → DATA → MAIL… → QUIT. Commands out
/// of that order get 503 5.5.1, unknown ones 500 5.5.2, bad arguments 501 5.5.4; too many of those and the
/// session ends with 421 4.7.0. A message is answered 250 only once it is stored and committed.
/// </summary>
internal sealed partial class SmtpSession(SmtpConnection connection, string clientAddress, SmtpSessionServices services)
{
    private const int AuthLineLength = 12288; // RFC 4954 §4: an AUTH line may be this long.

    private readonly SmtpServerOptions _options = services.Options;
    private readonly ILogger _logger = services.Logger;
    private string? _helo;
    private bool _esmtp;
    private Guid? _user;
    private SmtpTransaction? _transaction;
    private int _badCommands;
    private bool _quit;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            connection.Queue(new SmtpReply(220, null, $"{services.Hostname} ESMTP Parley"));
            while (!_quit)
            {
                var (status, line) = await connection.ReadLineAsync(_options.MaxCommandLineLength, cancellationToken);
                if (status == LineStatus.Closed)
                {
                    return;
                }
                var reply = status == LineStatus.TooLong ? SmtpReply.LineTooLong : await ExecuteAsync(line, cancellationToken);
                if (reply is null)
                {
                    continue;
                }
                connection.Queue(reply);
                if (reply.Code is >= 500 and <= 504 or 535 && ++_badCommands >= _options.MaxBadCommands)
                {
                    connection.Queue(new SmtpReply(421, "4.7.0", $"{services.Hostname} Too many errors; closing the connection"));
                    break;
                }
            }
            await connection.FlushAsync(cancellationToken);
        }
        catch (SmtpIdleTimeoutException)
        {
            await SayGoodbyeAsync(new SmtpReply(421, "4.4.2", $"{services.Hostname} Idle too long; closing the connection"));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await SayGoodbyeAsync(new SmtpReply(421, "4.3.2", $"{services.Hostname} Service shutting down"));
        }
        catch (Exception ex) when (ex is IOException or System.Security.Authentication.AuthenticationException or ObjectDisposedException)
        {
            // The client went away or the TLS handshake failed: nothing to answer.
            LogSessionDropped(clientAddress, ex.GetType().Name);
        }
    }

    private async Task SayGoodbyeAsync(SmtpReply reply)
    {
        try
        {
            connection.Queue(reply);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await connection.FlushAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // Closing anyway.
        }
    }

    private async Task<SmtpReply?> ExecuteAsync(string line, CancellationToken cancellationToken)
    {
        var space = line.IndexOf(' ');
        var verb = (space < 0 ? line : line[..space]).ToUpperInvariant();
        var argument = space < 0 ? "" : line[(space + 1)..].Trim();
        return verb switch
        {
            "EHLO" => Hello(argument, esmtp: true),
            "HELO" => Hello(argument, esmtp: false),
            "MAIL" => await MailAsync(argument, cancellationToken),
            "RCPT" => await RecipientAsync(argument, cancellationToken),
            "DATA" => await DataAsync(argument, cancellationToken),
            "RSET" => Reset(argument),
            "NOOP" => SmtpReply.Ok,
            "QUIT" => Quit(),
            "VRFY" => argument.Length == 0 ? SmtpReply.SyntaxError : new SmtpReply(252, "2.5.0", "Cannot VRFY user, but will accept message and attempt delivery"),
            "EXPN" => new SmtpReply(502, "5.5.1", "EXPN not implemented"),
            "HELP" => new SmtpReply(214, "2.0.0", "Commands: EHLO HELO MAIL RCPT DATA RSET NOOP QUIT VRFY HELP STARTTLS AUTH"),
            "STARTTLS" => await StartTlsAsync(argument, cancellationToken),
            "AUTH" => await AuthAsync(argument, cancellationToken),
            _ => SmtpReply.UnknownCommand,
        };
    }

    private SmtpReply Hello(string name, bool esmtp)
    {
        if (name.Length == 0 || name.Contains(' ', StringComparison.Ordinal))
        {
            return SmtpReply.SyntaxError;
        }
        _helo = name;
        _esmtp = esmtp;
        _transaction = null;
        if (!esmtp)
        {
            return new SmtpReply(250, null, services.Hostname);
        }
        var lines = new List<string>
        {
            $"{services.Hostname} Hello {name}",
            "PIPELINING",
            string.Create(CultureInfo.InvariantCulture, $"SIZE {_options.MaxMessageBytes}"),
            "8BITMIME",
            "SMTPUTF8",
            "ENHANCEDSTATUSCODES",
        };
        if (!connection.IsTls)
        {
            lines.Add("STARTTLS");
        }
        if (AuthOffered)
        {
            lines.Add("AUTH PLAIN LOGIN");
        }
        return new SmtpReply(250, null, lines);
    }

    private bool AuthOffered => _user is null && (connection.IsTls || _options.AllowInsecureAuth);

    private async Task<SmtpReply> MailAsync(string argument, CancellationToken cancellationToken)
    {
        if (_helo is null || _transaction is not null)
        {
            return SmtpReply.BadSequence;
        }
        var sender = SmtpPath.Parse(argument, "FROM:");
        if (sender is null)
        {
            return SmtpReply.SyntaxError;
        }
        foreach (var (key, value) in sender.Parameters)
        {
            switch (key.ToUpperInvariant())
            {
                case "SIZE":
                    if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var size))
                    {
                        return SmtpReply.SyntaxError;
                    }
                    if (size > _options.MaxMessageBytes)
                    {
                        return TooLarge;
                    }
                    break;
                case "BODY" when value is not null && (value.Equals("7BIT", StringComparison.OrdinalIgnoreCase) || value.Equals("8BITMIME", StringComparison.OrdinalIgnoreCase)):
                case "SMTPUTF8" when value is null:
                case "AUTH" when value is not null: // RFC 4954 §5: informational only.
                    break;
                default:
                    return new SmtpReply(555, "5.5.4", $"Unsupported MAIL parameter {key}");
            }
        }
        if (!sender.IsAscii && !sender.Parameters.ContainsKey("SMTPUTF8"))
        {
            return new SmtpReply(553, "5.6.7", "A UTF-8 address needs the SMTPUTF8 parameter");
        }
        await using var scope = services.Scopes.CreateAsyncScope();
        if (await scope.ServiceProvider.GetRequiredService<InboundMail>().CheckSenderAsync(sender.Address, cancellationToken) is { } refused)
        {
            return refused;
        }
        _transaction = new SmtpTransaction(sender);
        return new SmtpReply(250, "2.1.0", "Sender ok");
    }

    private async Task<SmtpReply> RecipientAsync(string argument, CancellationToken cancellationToken)
    {
        if (_transaction is not { } transaction)
        {
            return SmtpReply.BadSequence;
        }
        var recipient = SmtpPath.Parse(argument, "TO:");
        if (recipient is null || recipient.IsNull)
        {
            return SmtpReply.SyntaxError;
        }
        if (recipient.Parameters.Count > 0)
        {
            return new SmtpReply(555, "5.5.4", $"Unsupported RCPT parameter {recipient.Parameters.Keys.First()}");
        }
        if (!recipient.IsAscii && !transaction.Utf8)
        {
            return new SmtpReply(553, "5.6.7", "A UTF-8 address needs SMTPUTF8 on MAIL FROM");
        }
        var address = recipient.Address!.ToLowerInvariant();
        if (transaction.Recipients.Contains(address))
        {
            return new SmtpReply(250, "2.1.5", "Recipient ok");
        }
        if (transaction.Recipients.Count >= _options.MaxRecipients)
        {
            return new SmtpReply(452, "4.5.3", "Too many recipients");
        }
        await using var scope = services.Scopes.CreateAsyncScope();
        var check = await scope.ServiceProvider.GetRequiredService<InboundMail>().CheckRecipientAsync(recipient, _user is not null, cancellationToken);
        if (check.Refusal is { } refused)
        {
            return refused;
        }
        transaction.Recipients.Add(address);
        if (check.External)
        {
            transaction.External.Add(recipient.Address!);
        }
        else
        {
            transaction.InboxIds.Add(check.InboxId!.Value);
        }
        return new SmtpReply(250, "2.1.5", "Recipient ok");
    }

    private static SmtpReply TooLarge { get; } = new(552, "5.3.4", "Message size exceeds fixed maximum message size");

    private async Task<SmtpReply> DataAsync(string argument, CancellationToken cancellationToken)
    {
        if (argument.Length > 0)
        {
            return SmtpReply.SyntaxError;
        }
        if (_transaction is not { } transaction || transaction.Recipients.Count == 0)
        {
            return SmtpReply.BadSequence;
        }
        _transaction = null;
        connection.Queue(new SmtpReply(354, null, "End data with <CR><LF>.<CR><LF>"));

        var data = new SmtpDataStream(connection, _options.MaxMessageBytes, cancellationToken);
        BlobInfo raw;
        try
        {
            await using var content = new TraceHeaderStream(Encoding.UTF8.GetBytes(ReceivedHeader(transaction)), data);
            raw = await services.Blobs.PutAsync(content, cancellationToken);
        }
        catch (SmtpDataRejectedException rejected)
        {
            return rejected.Reason == DataRejection.TooLarge
                ? TooLarge
                : new SmtpReply(550, "5.6.11", "Bare CR or LF in the message; line ends must be CRLF");
        }
        catch (BlobTooLargeException)
        {
            await data.DrainAsync(cancellationToken);
            return TooLarge;
        }

        var envelope = new SmtpEnvelope(transaction.Sender.Address, transaction.Recipients, clientAddress, _helo, connection.IsTls, _user);
        await using var scope = services.Scopes.CreateAsyncScope();
        SmtpReply? reply = null;
        if (transaction.External.Count > 0)
        {
            reply = await SubmitAsync(scope.ServiceProvider, envelope with { Recipients = transaction.External }, raw, cancellationToken);
            if (!reply.IsPositive)
            {
                return reply;
            }
        }
        if (transaction.InboxIds.Count > 0)
        {
            reply = await scope.ServiceProvider.GetRequiredService<InboundMail>().AcceptAsync(envelope, transaction.InboxIds, raw, cancellationToken);
        }
        return reply!;
    }

    private async Task<SmtpReply> SubmitAsync(IServiceProvider provider, SmtpEnvelope envelope, BlobInfo raw, CancellationToken cancellationToken)
    {
        await using var content = await services.Blobs.OpenReadAsync(raw.Key, cancellationToken);
        if (content is null)
        {
            return SmtpReply.LocalError;
        }
        var result = await provider.GetRequiredService<SmtpSubmission>().SubmitAsync(envelope, content, cancellationToken);
        return result.Accepted
            ? new SmtpReply(250, "2.0.0", $"Ok: queued as <{result.MessageId}>")
            : new SmtpReply(result.Code, result.EnhancedCode, result.Text);
    }

    /// <summary>The trace line RFC 5321 §4.4 has every SMTP server prepend to what it accepts.</summary>
    private string ReceivedHeader(SmtpTransaction transaction)
    {
        var protocol = (transaction.Utf8 ? "UTF8" : "") + (_esmtp ? "ESMTP" : "SMTP") + (connection.IsTls ? "S" : "") + (_user is null ? "" : "A");
        var date = DateUtils.FormatDate(services.Clock.GetUtcNow());
        return $"Received: from {HeaderSafe(_helo)} ({clientAddress})\r\n\tby {HeaderSafe(services.Hostname)} (Parley) with {protocol};\r\n\t{date}\r\n";
    }

    /// <summary>The client's HELO name inside a header: printable ASCII only, nothing that could end the line.</summary>
    private static string HeaderSafe(string? text) =>
        string.Concat((text ?? "unknown").Where(c => c is > ' ' and < (char)0x7f and not '(' and not ')').Take(255));

    private SmtpReply Reset(string argument)
    {
        if (argument.Length > 0)
        {
            return SmtpReply.SyntaxError;
        }
        _transaction = null;
        return SmtpReply.Ok;
    }

    private SmtpReply Quit()
    {
        _quit = true;
        return new SmtpReply(221, "2.0.0", $"{services.Hostname} Bye");
    }

    private async Task<SmtpReply?> StartTlsAsync(string argument, CancellationToken cancellationToken)
    {
        if (argument.Length > 0)
        {
            return SmtpReply.SyntaxError;
        }
        if (_helo is null || connection.IsTls)
        {
            return SmtpReply.BadSequence;
        }
        System.Security.Cryptography.X509Certificates.X509Certificate2 certificate;
        try
        {
            certificate = services.Certificate.Certificate;
        }
        catch (Exception ex)
        {
            LogNoCertificate(ex);
            return new SmtpReply(454, "4.7.0", "TLS not available");
        }
        connection.Queue(new SmtpReply(220, "2.0.0", "Ready to start TLS"));
        await connection.StartTlsAsync(certificate, cancellationToken);
        // RFC 3207 §4.2: the client must start over; nothing said in clear counts.
        _helo = null;
        _esmtp = false;
        _transaction = null;
        _user = null;
        return null;
    }

    private async Task<SmtpReply> AuthAsync(string argument, CancellationToken cancellationToken)
    {
        if (!_esmtp || _user is not null || _transaction is not null)
        {
            return SmtpReply.BadSequence;
        }
        if (!connection.IsTls && !_options.AllowInsecureAuth)
        {
            return new SmtpReply(538, "5.7.11", "Encryption required for requested authentication mechanism");
        }
        var parts = argument.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            return SmtpReply.SyntaxError;
        }
        var initial = parts.Length > 1 ? parts[1] : null;
        (string User, string Password)? credentials;
        switch (parts[0].ToUpperInvariant())
        {
            case "PLAIN":
                var response = initial ?? await ChallengeAsync("", cancellationToken);
                if (response is null)
                {
                    return Cancelled;
                }
                if (Decode(response) is not { } plain)
                {
                    return CannotDecode;
                }
                credentials = Plain(plain);
                break;
            case "LOGIN":
                var user = initial ?? await ChallengeAsync("Username:", cancellationToken);
                if (user is null)
                {
                    return Cancelled;
                }
                var decodedUser = Decode(user);
                var password = await ChallengeAsync("Password:", cancellationToken);
                if (password is null)
                {
                    return Cancelled;
                }
                var decodedPassword = Decode(password);
                if (decodedUser is null || decodedPassword is null)
                {
                    return CannotDecode;
                }
                credentials = (decodedUser, decodedPassword);
                break;
            default:
                return new SmtpReply(504, "5.5.4", "Unrecognized authentication type");
        }
        if (credentials is not { } c || await services.Authenticator.AuthenticateAsync(c.User, c.Password, cancellationToken) is not { } userId)
        {
            return new SmtpReply(535, "5.7.8", "Authentication credentials invalid");
        }
        _user = userId;
        return new SmtpReply(235, "2.7.0", "Authentication successful");
    }

    private static SmtpReply Cancelled { get; } = new(501, "5.0.0", "Authentication cancelled");
    private static SmtpReply CannotDecode { get; } = new(501, "5.5.2", "Cannot decode the response");

    /// <summary>Sends a 334 challenge and reads the client's line; null when the client cancels with <c>*</c> or goes away.</summary>
    private async Task<string?> ChallengeAsync(string prompt, CancellationToken cancellationToken)
    {
        connection.Queue(new SmtpReply(334, null, Convert.ToBase64String(Encoding.UTF8.GetBytes(prompt))));
        var (status, line) = await connection.ReadLineAsync(AuthLineLength, cancellationToken);
        return status != LineStatus.Line || line == "*" ? null : line;
    }

    private static string? Decode(string base64)
    {
        try
        {
            return base64 == "=" ? "" : Encoding.UTF8.GetString(Convert.FromBase64String(base64));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>RFC 4616: <c>authzid NUL authcid NUL password</c>; acting as someone else is not offered.</summary>
    private static (string, string)? Plain(string message)
    {
        var fields = message.Split('\0');
        if (fields.Length != 3 || (fields[0].Length > 0 && fields[0] != fields[1]))
        {
            return null;
        }
        return (fields[1], fields[2]);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "SMTP session from {Client} dropped: {Reason}")]
    private partial void LogSessionDropped(string client, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The STARTTLS certificate could not be loaded")]
    private partial void LogNoCertificate(Exception ex);
}
