using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Parley.Tests.Infrastructure;

/// <summary>A message the sink received: the SMTP envelope and the raw bytes as they came over the wire.</summary>
public sealed record SinkDelivery(string MailFrom, IReadOnlyList<string> RcptTos, string Helo, byte[] Raw, string Path);

/// <summary>
/// A real receiving SMTP server — an MX, a relay or a recipient's server in tests: Debian's <c>python3-aiosmtpd</c>
/// (run with /usr/bin/python3, not the pyenv shim), writing each message it accepts with its envelope to a directory.
/// Local parts given in <c>reject</c> are refused at RCPT with <c>550 5.1.1</c>. One sink for every test project.
/// </summary>
public sealed class TestSmtpSink : IDisposable
{
    private const string Script = """
        import asyncio, json, os, sys
        from aiosmtpd.smtp import SMTP

        port, outdir = int(sys.argv[1]), sys.argv[2]
        reject = set(filter(None, sys.argv[3].split(','))) if len(sys.argv) > 3 else set()
        # SIZE advertised and enforced (552 at MAIL FROM SIZE= or after DATA); aiosmtpd's default is 32 MiB.
        size_limit = int(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[4] else 33554432
        count = 0

        class Handler:
            async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
                if address.split('@')[0].lower() in reject:
                    return '550 5.1.1 <%s>: Recipient address rejected: User unknown' % address
                envelope.rcpt_tos.append(address)
                return '250 2.1.5 Ok'

            async def handle_DATA(self, server, session, envelope):
                global count
                count += 1
                name = os.path.join(outdir, '%04d' % count)
                with open(name + '.json', 'w') as f:
                    json.dump({'mail_from': envelope.mail_from, 'rcpt_tos': envelope.rcpt_tos, 'helo': session.host_name}, f)
                with open(name + '.tmp', 'wb') as f:
                    f.write(envelope.original_content)
                os.rename(name + '.tmp', name + '.eml')
                return '250 2.0.0 Ok: queued as SINK%04d' % count

        async def main():
            loop = asyncio.get_running_loop()
            server = await loop.create_server(lambda: SMTP(Handler(), hostname='sink.test', decode_data=False, data_size_limit=size_limit), '127.0.0.1', port)
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

    /// <summary>A loopback port nothing listens on (yet): connecting to it is refused.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static Task<TestSmtpSink> StartAsync(int? port = null, params string[] reject) => StartAsync(port, reject, maxMessageBytes: null);

    /// <summary>A sink that takes messages up to <paramref name="maxMessageBytes"/> (advertised as SIZE; larger: 552).</summary>
    public static Task<TestSmtpSink> StartWithSizeLimitAsync(long maxMessageBytes) => StartAsync(null, [], maxMessageBytes);

    private static async Task<TestSmtpSink> StartAsync(int? port, string[] reject, long? maxMessageBytes)
    {
        var directory = Path.Combine(Path.GetTempPath(), "parley-test-sink-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var script = Path.Combine(directory, "sink.py");
        await File.WriteAllTextAsync(script, Script);
        var chosen = port ?? FreePort();
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { script, chosen.ToString(System.Globalization.CultureInfo.InvariantCulture), directory, string.Join(',', reject), maxMessageBytes?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "" })
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        var sink = new TestSmtpSink(process, chosen, directory);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
            if (line != "ready")
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

    public IReadOnlyList<SinkDelivery> Received() =>
        System.IO.Directory.GetFiles(Directory, "*.eml").Order(StringComparer.Ordinal).Select(path =>
        {
            using var envelope = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(path, ".json")));
            var root = envelope.RootElement;
            return new SinkDelivery(
                root.GetProperty("mail_from").GetString()!,
                root.GetProperty("rcpt_tos").EnumerateArray().Select(r => r.GetString()!).ToList(),
                root.GetProperty("helo").GetString() ?? "",
                File.ReadAllBytes(path),
                path);
        }).ToList();

    /// <summary>The messages received so far, parsed.</summary>
    public IReadOnlyList<MimeKit.MimeMessage> Messages() =>
        Received().Select(delivery => MimeKit.MimeMessage.Load(new MemoryStream(delivery.Raw))).ToList();

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
