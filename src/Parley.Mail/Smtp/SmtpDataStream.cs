namespace Parley.Mail.Smtp;

/// <summary>Why the content of a DATA command was refused once its real end had been read.</summary>
internal enum DataRejection
{
    None,

    /// <summary>A bare CR or LF: the line ends SMTP smuggling hides a second message behind (<c>&lt;LF&gt;.&lt;LF&gt;</c> and kin).</summary>
    BareLineEnding,

    /// <summary>Past <c>Mail:Smtp:MaxMessageBytes</c>.</summary>
    TooLarge,
}

/// <summary>Thrown at the real end of a DATA whose content was refused, so the blob store keeps nothing of it.</summary>
internal sealed class SmtpDataRejectedException(DataRejection reason) : Exception($"DATA refused: {reason}.")
{
    public DataRejection Reason { get; } = reason;
}

/// <summary>
/// The content of one DATA command, read from the connection as the blob store pulls it: dot-stuffing
/// undone (RFC 5321 §4.5.2), and the end found only at <c>&lt;CRLF&gt;.&lt;CRLF&gt;</c>. Any other line
/// end — a CR or LF on its own, so also <c>&lt;LF&gt;.&lt;LF&gt;</c>, <c>&lt;LF&gt;.&lt;CRLF&gt;</c>,
/// <c>&lt;CR&gt;.&lt;CR&gt;</c> — is not an end and taints the message: reading goes on to the real end
/// (so the smuggled "next message" is never read as commands) and then throws
/// <see cref="SmtpDataRejectedException"/>. The size limit works the same way: past it the rest is read
/// and dropped, then the exception. Nothing is held in memory beyond one buffer.
/// </summary>
internal sealed class SmtpDataStream(SmtpConnection connection, long maxBytes, CancellationToken sessionCancellation) : Stream
{
    private enum State
    {
        /// <summary>Just after CRLF (or the DATA command's own): a '.' here is special.</summary>
        LineStart,
        MidLine,

        /// <summary>A CR was read; only LF may follow.</summary>
        AfterCr,

        /// <summary>A '.' at the start of a line: the end if CRLF follows, else a stuffed dot to drop.</summary>
        AfterDot,
        AfterDotCr,
    }

    private State _state = State.LineStart;
    private bool _ended;
    private long _length;

    public DataRejection Rejection { get; private set; }

    public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, 2, nameof(destination));
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, sessionCancellation);
        while (!_ended)
        {
            var input = await connection.PeekAsync(linked.Token);
            if (input.IsEmpty)
            {
                throw new IOException("The SMTP client closed the connection inside DATA.");
            }
            var (consumed, written) = Decode(input.Span, destination.Span);
            connection.Consume(consumed);
            if (written > 0)
            {
                return written;
            }
        }
        if (Rejection != DataRejection.None)
        {
            throw new SmtpDataRejectedException(Rejection);
        }
        return 0;
    }

    /// <summary>Reads and drops the rest of the DATA (after the blob store gave up on it), up to the real end.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        var scratch = new byte[8192];
        try
        {
            while (await ReadAsync(scratch, cancellationToken) > 0)
            {
            }
        }
        catch (SmtpDataRejectedException)
        {
            // Already refused; the end was reached, which is all draining is for.
        }
    }

    /// <summary>Runs the line-end state machine over <paramref name="input"/>; stops early when <paramref name="output"/> is nearly full or the end is found.</summary>
    private (int Consumed, int Written) Decode(ReadOnlySpan<byte> input, Span<byte> output)
    {
        var i = 0;
        var o = 0;
        while (i < input.Length && !_ended && o + 2 <= output.Length)
        {
            var c = input[i++];
            switch (_state)
            {
                case State.LineStart when c == '.':
                    _state = State.AfterDot;
                    break;
                case State.AfterDot when c == '\r':
                    _state = State.AfterDotCr;
                    break;
                case State.AfterDotCr when c == '\n':
                    _ended = true;
                    break;
                case State.AfterDotCr:
                    // ".<CR>x": the CR stood alone.
                    Taint(DataRejection.BareLineEnding);
                    o = Text(c, output, o);
                    break;
                case State.AfterCr when c == '\n':
                    o = Emit((byte)'\r', output, o);
                    o = Emit((byte)'\n', output, o);
                    _state = State.LineStart;
                    break;
                case State.AfterCr:
                    Taint(DataRejection.BareLineEnding);
                    o = Text(c, output, o);
                    break;
                default:
                    // LineStart (not a dot), MidLine, AfterDot (the stuffed dot is dropped): ordinary text.
                    o = Text(c, output, o);
                    break;
            }
        }
        return (i, o);
    }

    /// <summary>A byte in the middle of text: CR waits for its LF, a bare LF taints, anything else is content.</summary>
    private int Text(byte c, Span<byte> output, int o)
    {
        switch (c)
        {
            case (byte)'\r':
                _state = State.AfterCr;
                return o;
            case (byte)'\n':
                Taint(DataRejection.BareLineEnding);
                _state = State.MidLine;
                return Emit(c, output, o);
            default:
                _state = State.MidLine;
                return Emit(c, output, o);
        }
    }

    private int Emit(byte c, Span<byte> output, int o)
    {
        _length++;
        if (_length > maxBytes)
        {
            Taint(DataRejection.TooLarge);
        }
        if (Rejection != DataRejection.None)
        {
            // Refused already: read on to the end, keep nothing.
            return o;
        }
        output[o] = c;
        return o + 1;
    }

    private void Taint(DataRejection reason)
    {
        if (Rejection == DataRejection.None)
        {
            Rejection = reason;
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _length; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
