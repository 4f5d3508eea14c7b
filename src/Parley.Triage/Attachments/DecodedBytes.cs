namespace Parley.Triage.Attachments;

/// <summary>
/// A write-only stream a MIME part is decoded into: it counts every byte and keeps them only up to
/// <paramref name="keepUpTo"/> — beyond it, nothing (so a part over a limit costs no more memory than the limit,
/// however large it is). With 0 it only counts: an attachment's decoded size without holding it.
/// </summary>
internal sealed class DecodedBytes(long keepUpTo) : Stream
{
    private MemoryStream? _kept = keepUpTo > 0 ? new() : null;
    private long _length;

    /// <summary>More was written than may be kept: <see cref="ToArray"/> is empty.</summary>
    public bool Overflowed => _length > keepUpTo;

    public byte[] ToArray() => _kept?.ToArray() ?? [];

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _length;
    public override long Position { get => _length; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count)
    {
        _length += count;
        if (_length > keepUpTo)
        {
            _kept = null;
            return;
        }
        _kept?.Write(buffer, offset, count);
    }
}
