using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Parley.Tests.Infrastructure;

/// <summary>
/// A real receiving SMTP server (Debian's <c>python3-aiosmtpd</c>, run with /usr/bin/python3, not the pyenv shim) that
/// writes each message it accepts to a directory: an SMTP relay or a recipient's server in tests. (The sink of
/// Parley.Mail.Tests' and Parley.Modmail.Tests' own SmtpSink, shared here for Triage's forward tests.)
/// </summary>
public sealed class TestSmtpSink : IDisposable
{
    private const string Script = """
        import asyncio, os, sys
        from aiosmtpd.smtp import SMTP

        port, outdir = int(sys.argv[1]), sys.argv[2]
        count = 0

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                global count
                count += 1
                name = os.path.join(outdir, '%04d' % count)
                with open(name + '.tmp', 'wb') as f:
                    f.write(envelope.original_content)
                os.rename(name + '.tmp', name + '.eml')
                return '250 2.0.0 Ok: queued as SINK%04d' % count

        async def main():
            loop = asyncio.get_running_loop()
            server = await loop.create_server(lambda: SMTP(Handler(), hostname='sink.test', decode_data=False), '127.0.0.1', port)
            print('ready', flush=True)
            async with server:
                await server.serve_forever()

        asyncio.run(main())
        """;

    private readonly Process _process;

    private TestSmtpSink(Process process, int port, string directory)
    {
        _process = process;
        Port = port;
        Directory = directory;
    }

    public int Port { get; }
    public string Directory { get; }

    public static async Task<TestSmtpSink> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "parley-test-sink-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var script = Path.Combine(directory, "sink.py");
        await File.WriteAllTextAsync(script, Script);
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { script, port.ToString(System.Globalization.CultureInfo.InvariantCulture), directory })
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        var sink = new TestSmtpSink(process, port, directory);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            if (await process.StandardOutput.ReadLineAsync(timeout.Token) != "ready")
            {
                throw new InvalidOperationException("aiosmtpd sink did not start: " + await process.StandardError.ReadToEndAsync(timeout.Token));
            }
        }
        catch
        {
            sink.Dispose();
            throw;
        }
        return sink;
    }

    /// <summary>The raw messages received so far, in order.</summary>
    public IReadOnlyList<byte[]> Received() =>
        System.IO.Directory.GetFiles(Directory, "*.eml").Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();

    /// <summary>The messages received so far, parsed.</summary>
    public IReadOnlyList<MimeKit.MimeMessage> Messages() =>
        Received().Select(bytes => MimeKit.MimeMessage.Load(new MemoryStream(bytes))).ToList();

    public void Dispose()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
