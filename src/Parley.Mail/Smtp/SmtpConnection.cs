using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Parley.Mail.Smtp;

/// <summary>What reading a command line found.</summary>
internal enum LineStatus
{
    Line,
    TooLong,
    Closed,
}

/// <summary>The client went quiet for longer than <c>Mail:Smtp:IdleTimeoutSeconds</c>.</summary>
internal sealed class SmtpIdleTimeoutException() : Exception("The SMTP client was idle too long.");

/// <summary>
/// The bytes of one SMTP connection: buffered reads of command lines and DATA, and replies that are
/// held until the next read would wait for the client. That is what PIPELINING (RFC 2920) asks of a
/// server: a batch of pipelined commands gets its replies in one write, and nothing is held while the
/// client waits. Every read that waits is bounded by the idle timeout.
/// </summary>
internal sealed class SmtpConnection(Stream stream, TimeSpan idleTimeout) : IAsyncDisposable
{
    private const int BufferSize = 16 * 1024;

    private readonly byte[] _buffer = new byte[BufferSize];
    private readonly MemoryStream _pending = new();
    private Stream _stream = stream;
    private int _start;
    private int _end;

    public bool IsTls => _stream is SslStream;

    /// <summary>Bytes the client already sent that no one has read yet.</summary>
    public int Buffered => _end - _start;

    public void Queue(SmtpReply reply) => _pending.Write(reply.ToBytes());

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_pending.Length == 0)
        {
            return;
        }
        await _stream.WriteAsync(_pending.GetBuffer().AsMemory(0, (int)_pending.Length), cancellationToken);
        await _stream.FlushAsync(cancellationToken);
        _pending.SetLength(0);
    }

    /// <summary>
    /// Reads one line ending in LF (CRLF, or a bare LF, as Postfix allows for commands) and returns it
    /// without its end. A line longer than <paramref name="maxLength"/> (its CRLF counted) is read to its
    /// end and thrown away: <see cref="LineStatus.TooLong"/>.
    /// </summary>
    public async Task<(LineStatus Status, string Line)> ReadLineAsync(int maxLength, CancellationToken cancellationToken)
    {
        var line = new MemoryStream();
        var tooLong = false;
        while (true)
        {
            if (_start == _end && !await FillAsync(cancellationToken))
            {
                return (LineStatus.Closed, "");
            }
            var span = _buffer.AsSpan(_start, _end - _start);
            var lf = span.IndexOf((byte)'\n');
            var take = lf < 0 ? span.Length : lf + 1;
            if (!tooLong)
            {
                if (line.Length + take > maxLength)
                {
                    tooLong = true;
                    line.SetLength(0);
                }
                else
                {
                    line.Write(span[..take]);
                }
            }
            _start += take;
            if (lf >= 0)
            {
                break;
            }
        }
        if (tooLong)
        {
            return (LineStatus.TooLong, "");
        }
        var bytes = line.GetBuffer().AsSpan(0, (int)line.Length);
        var length = bytes.Length - 1;
        if (length > 0 && bytes[length - 1] == '\r')
        {
            length--;
        }
        return (LineStatus.Line, Encoding.UTF8.GetString(bytes[..length]));
    }

    /// <summary>The next byte the client sent, or -1 when the connection closed.</summary>
    public async ValueTask<int> ReadByteAsync(CancellationToken cancellationToken)
    {
        if (_start == _end && !await FillAsync(cancellationToken))
        {
            return -1;
        }
        return _buffer[_start++];
    }

    /// <summary>The bytes already buffered (filling the buffer first when it is empty); <see cref="Consume"/> says how many were used.</summary>
    public async ValueTask<ReadOnlyMemory<byte>> PeekAsync(CancellationToken cancellationToken)
    {
        if (_start == _end && !await FillAsync(cancellationToken))
        {
            return ReadOnlyMemory<byte>.Empty;
        }
        return _buffer.AsMemory(_start, _end - _start);
    }

    public void Consume(int count) => _start += count;

    /// <summary>
    /// Switches to TLS after the 220 to STARTTLS. Whatever the client pipelined behind STARTTLS is
    /// dropped unread: it was sent in clear and must not count as said inside TLS (CVE-2011-0411).
    /// </summary>
    public async Task StartTlsAsync(X509Certificate2 certificate, CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken);
        _start = _end = 0;
        var tls = new SslStream(_stream, leaveInnerStreamOpen: false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(idleTimeout);
        try
        {
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate }, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SmtpIdleTimeoutException();
        }
        _stream = tls;
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        // The client is about to be waited on: it must have every reply it is owed first.
        await FlushAsync(cancellationToken);
        _start = _end = 0;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(idleTimeout);
        int read;
        try
        {
            read = await _stream.ReadAsync(_buffer, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SmtpIdleTimeoutException();
        }
        _end = read;
        return read > 0;
    }

    public async ValueTask DisposeAsync() => await _stream.DisposeAsync();
}
