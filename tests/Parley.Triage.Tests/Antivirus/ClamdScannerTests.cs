using System.Net;
using System.Net.Sockets;
using System.Text;
using Parley.Tests.Infrastructure;
using Parley.Triage.Antivirus;

namespace Parley.Triage.Tests.Antivirus;

/// <summary>The zINSTREAM client against a scripted clamd: framing, OK, FOUND, clamd's error, a hang, nobody listening.</summary>
public sealed class ClamdScannerTests
{
    private static readonly TimeSpan Seconds10 = TimeSpan.FromSeconds(10);
    private readonly ClamdScanner _scanner = new(TimeProvider.System);

    private Task<ClamdVerdict> ScanAsync(int port, byte[] content, TimeSpan? timeout = null) =>
        _scanner.ScanAsync("127.0.0.1", port, timeout ?? Seconds10, (stream, ct) => stream.WriteAsync(content, ct).AsTask(), CancellationToken.None);

    [Fact]
    public async Task A_clean_stream_is_sent_as_zINSTREAM_chunks_ended_by_a_zero_length_chunk_and_OK_is_clean()
    {
        await using var clamd = FakeClamd.Start();
        var content = new byte[ClamdScanner.ChunkSize * 2 + 10];
        Random.Shared.NextBytes(content);

        var verdict = await ScanAsync(clamd.Port, content);

        Assert.Equal(ClamdVerdict.Clean, verdict);
        var scan = Assert.Single(clamd.Scans);
        Assert.Equal("zINSTREAM", scan.Command);
        Assert.Equal(content, scan.Content);
        Assert.Equal([ClamdScanner.ChunkSize, ClamdScanner.ChunkSize, 10], scan.Chunks);
    }

    [Fact]
    public async Task FOUND_names_the_signature()
    {
        await using var clamd = FakeClamd.Start();
        clamd.Reply = "stream: Win.Test.EICAR_HDB-1 FOUND";

        var verdict = await ScanAsync(clamd.Port, Encoding.ASCII.GetBytes("payload"));

        Assert.True(verdict.Infected);
        Assert.Equal("Win.Test.EICAR_HDB-1", verdict.Virus);
        Assert.Null(verdict.Error);
    }

    [Fact]
    public async Task Clamds_error_is_a_failed_verdict_with_its_text()
    {
        await using var clamd = FakeClamd.Start();
        clamd.Reply = "INSTREAM size limit exceeded. ERROR";

        var verdict = await ScanAsync(clamd.Port, Encoding.ASCII.GetBytes("payload"));

        Assert.False(verdict.Infected);
        Assert.Equal("INSTREAM size limit exceeded.", verdict.Error);
    }

    [Fact]
    public async Task A_clamd_that_never_answers_fails_after_the_timeout()
    {
        await using var clamd = FakeClamd.Start();
        clamd.Hang = true;
        var started = TimeProvider.System.GetTimestamp();

        var verdict = await ScanAsync(clamd.Port, Encoding.ASCII.GetBytes("payload"), TimeSpan.FromMilliseconds(300));

        var elapsed = TimeProvider.System.GetElapsedTime(started);
        Assert.False(verdict.Infected);
        Assert.Contains("did not answer within 0.3s", verdict.Error, StringComparison.Ordinal);
        Assert.InRange(elapsed, TimeSpan.FromMilliseconds(250), Seconds10);
        Assert.Single(clamd.Scans); // the content was sent; only the answer never came
    }

    [Fact]
    public async Task Nobody_listening_is_a_failed_verdict_not_an_exception()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var verdict = await ScanAsync(port, Encoding.ASCII.GetBytes("payload"));

        Assert.False(verdict.Infected);
        Assert.StartsWith($"clamd at 127.0.0.1:{port}:", verdict.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("stream: OK\0", null, null)]
    [InlineData("stream: Eicar-Signature FOUND\0", "Eicar-Signature", null)]
    [InlineData("stream: Some Name With Spaces FOUND", "Some Name With Spaces", null)]
    [InlineData("UNKNOWN COMMAND\0", null, "unexpected clamd reply: UNKNOWN COMMAND")]
    [InlineData("", null, "clamd closed the connection without an answer")]
    public void Replies_are_parsed(string reply, string? virus, string? error)
    {
        Assert.Equal(new ClamdVerdict(virus, error), ClamdVerdict.Parse(reply));
    }

    [Fact]
    public async Task The_real_clamd_finds_the_test_payload_and_passes_other_bytes()
    {
        await using var clamd = await TestClamd.StartAsync();

        Assert.Equal(ClamdVerdict.Found(TestClamd.Signature), await ScanAsync(clamd.Port, TestClamd.Payload));
        Assert.Equal(ClamdVerdict.Clean, await ScanAsync(clamd.Port, Encoding.ASCII.GetBytes("an ordinary attachment")));
    }
}
