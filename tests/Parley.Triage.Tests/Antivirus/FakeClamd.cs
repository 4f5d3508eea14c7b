using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Parley.Triage.Tests.Antivirus;

/// <summary>
/// A scripted clamd on loopback: reads each connection's zINSTREAM (the command, length-prefixed chunks, the
/// zero-length end), keeps what was streamed, and answers with <see cref="Reply"/> — or never answers while
/// <see cref="Hang"/> is set (the timeout test).
/// </summary>
internal sealed class FakeClamd : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    private FakeClamd()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>What clamd answers (without the NUL, added here).</summary>
    public string Reply { get; set; } = "stream: OK";

    public bool Hang { get; set; }

    /// <summary>Each connection's command and the content it streamed, with the chunk sizes as sent.</summary>
    public ConcurrentQueue<(string Command, byte[] Content, IReadOnlyList<int> Chunks)> Scans { get; } = new();

    public static FakeClamd Start() => new();

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            var command = new StringBuilder();
            var one = new byte[1];
            while (await stream.ReadAsync(one, _stop.Token) == 1 && one[0] != 0)
            {
                command.Append((char)one[0]);
            }
            var content = new MemoryStream();
            var chunks = new List<int>();
            var length = new byte[4];
            while (true)
            {
                await stream.ReadExactlyAsync(length, _stop.Token);
                var size = (int)BinaryPrimitives.ReadUInt32BigEndian(length);
                if (size == 0)
                {
                    break;
                }
                chunks.Add(size);
                var chunk = new byte[size];
                await stream.ReadExactlyAsync(chunk, _stop.Token);
                content.Write(chunk);
            }
            Scans.Enqueue((command.ToString(), content.ToArray(), chunks));
            if (Hang)
            {
                await Task.Delay(Timeout.Infinite, _stop.Token);
            }
            await stream.WriteAsync(Encoding.UTF8.GetBytes(Reply + "\0"), _stop.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or EndOfStreamException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
