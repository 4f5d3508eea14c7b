using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Parley.Tests.Infrastructure;

/// <summary>
/// A real DNS server for one test: Debian's <c>dnsmasq</c> on a free loopback UDP/TCP port, answering only
/// the records given (TXT, MX, A) and nothing else (no upstream, no /etc/hosts). Point Parley at it with
/// <c>Mail:DnsServer = 127.0.0.1:{Port}</c>. scripts/test.sh installs <c>dnsmasq-base</c>.
/// </summary>
public sealed class TestDnsServer : IDisposable
{
    private readonly Process _process;

    private TestDnsServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary><c>127.0.0.1:{port}</c>, the form <c>Mail:DnsServer</c> takes.</summary>
    public string Endpoint => $"127.0.0.1:{Port}";

    public static async Task<TestDnsServer> StartAsync(DnsZone zone)
    {
        var port = FreeUdpAndTcpPort();
        var start = new ProcessStartInfo(File.Exists("/usr/sbin/dnsmasq") ? "/usr/sbin/dnsmasq" : "dnsmasq")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "--keep-in-foreground", "--port=" + port, "--listen-address=127.0.0.1", "--bind-interfaces",
                     "--no-resolv", "--no-hosts", "--no-poll", "--pid-file=", "--conf-file=/dev/null", "--log-facility=-",
                 })
        {
            start.ArgumentList.Add(argument);
        }
        if (Environment.UserName == "root")
        {
            start.ArgumentList.Add("--user=root");
        }
        foreach (var argument in zone.Arguments())
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("dnsmasq did not start (apt-get install dnsmasq-base).");
        var server = new TestDnsServer(process, port);
        // Ready when it answers on TCP (dnsmasq serves TCP and UDP on the same port).
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException("dnsmasq exited: " + await process.StandardError.ReadToEndAsync());
            }
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return server;
            }
            catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(50);
            }
        }
    }

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
    }

    private static int FreeUdpAndTcpPort()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            using var tcp = new TcpListener(IPAddress.Loopback, 0);
            tcp.Start();
            var port = ((IPEndPoint)tcp.LocalEndpoint).Port;
            try
            {
                using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
            }
        }
        throw new InvalidOperationException("no free port for dnsmasq");
    }
}

/// <summary>The records a <see cref="TestDnsServer"/> answers.</summary>
public sealed class DnsZone
{
    private readonly List<string> _arguments = [];

    /// <summary>
    /// A TXT record (SPF, DKIM, DMARC). Values longer than 255 bytes become several strings of one record,
    /// as DNS requires (a 2048-bit DKIM key is about 400); readers join them. No commas: dnsmasq splits on them.
    /// </summary>
    public DnsZone Txt(string name, string value)
    {
        if (value.Contains(',', StringComparison.Ordinal))
        {
            throw new ArgumentException("dnsmasq splits TXT values on commas", nameof(value));
        }
        _arguments.Add($"--txt-record={name},{string.Join(',', value.Chunk(255).Select(c => new string(c)))}");
        return this;
    }

    public DnsZone Mx(string domain, string host, int preference = 10)
    {
        _arguments.Add($"--mx-host={domain},{host},{preference}");
        return this;
    }

    public DnsZone A(string name, string address = "127.0.0.1")
    {
        _arguments.Add($"--host-record={name},{address}");
        return this;
    }

    /// <summary>
    /// Makes the server authoritative for <paramref name="domain"/>: a name under it without records answers
    /// NXDOMAIN, a name without the asked type NODATA, as a real zone does (by default dnsmasq, having no
    /// upstream, answers REFUSED — which SPF and DMARC rightly read as a temporary error).
    /// </summary>
    public DnsZone Authoritative(string domain)
    {
        _arguments.Add($"--local=/{domain}/");
        return this;
    }

    internal IEnumerable<string> Arguments() => _arguments;
}
