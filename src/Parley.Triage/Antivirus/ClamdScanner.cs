using System.Net.Sockets;
using System.Text;

namespace Parley.Triage.Antivirus;

/// <summary>
/// clamd's <c>zINSTREAM</c> over TCP, one connection per stream: the command, then the content as chunks each
/// preceded by its length (4 bytes, big-endian), a zero-length chunk to end, and one NUL-terminated reply. The
/// content is streamed as it is written (an attachment is decoded straight into the connection, never held whole).
/// The timeout covers everything — connecting, sending, clamd's scan, the reply — and ends as a failed verdict, as
/// does a refused connection or clamd's own error; only the caller's cancellation throws.
/// </summary>
public sealed class ClamdScanner(TimeProvider time)
{
    /// <summary>Chunks are at most this long (clamd's default StreamMaxLength is far larger; a chunk is just a frame).</summary>
    internal const int ChunkSize = 64 * 1024;

    /// <summary>A reply longer than this is not clamd's (its longest is a signature name and a word).</summary>
    private const int MaxReplyBytes = 4096;

    /// <param name="write">Writes the content to scan into the stream it is given.</param>
    public async Task<ClamdVerdict> ScanAsync(string host, int port, TimeSpan timeout,
        Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var ct = linked.Token;
        try
        {
            using var client = new TcpClient { NoDelay = true };
            await client.ConnectAsync(host, port, ct);
            await using var network = client.GetStream();
            await network.WriteAsync("zINSTREAM\0"u8.ToArray(), ct);
            try
            {
                await using (var chunks = new InstreamChunks(network))
                {
                    await write(chunks, ct);
                    await chunks.FlushAsync(ct);
                }
                await network.WriteAsync(new byte[4], ct); // the zero-length chunk: end of stream
            }
            catch (IOException)
            {
                // clamd stops reading and closes when it refuses the stream (size limit): its reply says why.
            }
            return ClamdVerdict.Parse(await ReadReplyAsync(network, ct));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ClamdVerdict.Failed($"clamd at {host}:{port} did not answer within {timeout.TotalSeconds:0.###}s");
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            return ClamdVerdict.Failed($"clamd at {host}:{port}: {e.Message}");
        }
    }

    /// <summary>
    /// clamd's <c>zPING</c>: true when it answers <c>PONG</c> within <paramref name="timeout"/>; false when it refuses the
    /// connection, times out or answers anything else. Only the caller's cancellation throws.
    /// </summary>
    public async Task<bool> PingAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            using var client = new TcpClient { NoDelay = true };
            await client.ConnectAsync(host, port, linked.Token);
            await using var network = client.GetStream();
            await network.WriteAsync("zPING\0"u8.ToArray(), linked.Token);
            return (await ReadReplyAsync(network, linked.Token)).Replace("\0", "").Trim() == "PONG";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            return false;
        }
    }

    private static async Task<string> ReadReplyAsync(NetworkStream network, CancellationToken ct)
    {
        var reply = new MemoryStream();
        var buffer = new byte[512];
        try
        {
            while (reply.Length < MaxReplyBytes)
            {
                var read = await network.ReadAsync(buffer, ct);
                if (read == 0)
                {
                    break;
                }
                reply.Write(buffer, 0, read);
                if (Array.IndexOf(buffer, (byte)0, 0, read) >= 0)
                {
                    break; // the NUL that ends a z-command's reply
                }
            }
        }
        catch (IOException) when (reply.Length > 0)
        {
            // reset after the reply: what arrived is the answer
        }
        return Encoding.UTF8.GetString(reply.GetBuffer(), 0, (int)reply.Length);
    }

    /// <summary>A write-only stream that frames what is written into INSTREAM chunks of at most <see cref="ChunkSize"/>.</summary>
    private sealed class InstreamChunks(Stream network) : Stream
    {
        private readonly byte[] _chunk = new byte[4 + ChunkSize];
        private int _filled;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) =>
            WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            while (buffer.Length > 0)
            {
                var take = Math.Min(buffer.Length, ChunkSize - _filled);
                buffer[..take].CopyTo(_chunk.AsMemory(4 + _filled));
                _filled += take;
                buffer = buffer[take..];
                if (_filled == ChunkSize)
                {
                    await FlushAsync(cancellationToken);
                }
            }
        }

        public override void Flush() => FlushAsync().GetAwaiter().GetResult();

        public override async Task FlushAsync(CancellationToken cancellationToken)
        {
            if (_filled == 0)
            {
                return; // a zero-length chunk would end the stream
            }
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(_chunk, (uint)_filled);
            await network.WriteAsync(_chunk.AsMemory(0, 4 + _filled), cancellationToken);
            _filled = 0;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
