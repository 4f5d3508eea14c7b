namespace Parley.Mail.Smtp;

/// <summary>A message as stored: the server's own trace header (<c>Received:</c>) first, then the content as it streams in.</summary>
internal sealed class TraceHeaderStream(byte[] header, Stream content) : Stream
{
    private int _headerRead;

    public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        if (_headerRead < header.Length)
        {
            var count = Math.Min(destination.Length, header.Length - _headerRead);
            header.AsMemory(_headerRead, count).CopyTo(destination);
            _headerRead += count;
            return count;
        }
        return await content.ReadAsync(destination, cancellationToken);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
