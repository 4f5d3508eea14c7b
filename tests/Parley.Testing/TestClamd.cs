using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Parley.Tests.Infrastructure;

/// <summary>
/// A real ClamAV daemon for a test: Debian's clamd started by <c>scripts/clamd.sh</c> on a free loopback port, with a
/// database of one custom signature that matches exactly <see cref="Payload"/> (reported as <see cref="Signature"/>),
/// so it starts in a second without freshclam. Disposing stops it and removes its directory.
/// scripts/test.sh installs <c>clamav-daemon</c>.
/// </summary>
public sealed class TestClamd : IAsyncDisposable
{
    /// <summary>The bytes the test signature matches (must equal the payload in scripts/clamd.sh).</summary>
    public static readonly byte[] Payload = Encoding.ASCII.GetBytes("PARLEY-TRIAGE-ANTIVIRUS-TEST-PAYLOAD-NOT-A-VIRUS");

    /// <summary>What clamd reports for <see cref="Payload"/> (a custom database's signatures are "UNOFFICIAL").</summary>
    public const string Signature = "Parley.Test.Payload.UNOFFICIAL";

    private TestClamd(string directory, int port)
    {
        Directory = directory;
        Port = port;
    }

    public string Directory { get; }
    public int Port { get; }

    /// <summary>clamd's process id while it runs (tests check it is gone after disposal).</summary>
    public int ProcessId => int.Parse(File.ReadAllText(Path.Combine(Directory, "clamd.pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<TestClamd> StartAsync()
    {
        // The port is free when probed, but another process may take it before clamd binds (tests and runs side by
        // side): clamd then exits with "Address already in use", and a new port is the fix — any other failure stands.
        for (var attempt = 1; ; attempt++)
        {
            var directory = Path.Combine(Path.GetTempPath(), "parley-clamd-" + Guid.NewGuid().ToString("N")[..12]);
            var clamd = new TestClamd(directory, FreePort());
            try
            {
                await RunScriptAsync("start", directory, clamd.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
                return clamd;
            }
            catch (InvalidOperationException e) when (attempt < 3 && e.Message.Contains("Address already in use", StringComparison.Ordinal))
            {
                await RunScriptAsync("stop", directory);
            }
        }
    }

    public async ValueTask DisposeAsync() => await RunScriptAsync("stop", Directory);

    private static async Task RunScriptAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(Script());
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/clamd.sh {arguments[0]} failed: {await error}");
        }
    }

    private static string Script()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Parley.slnx")))
            {
                return Path.Combine(dir.FullName, "scripts", "clamd.sh");
            }
        }
        throw new DirectoryNotFoundException($"No Parley.slnx above {AppContext.BaseDirectory}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
