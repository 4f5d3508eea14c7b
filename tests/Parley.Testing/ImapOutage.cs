using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Parley.Tests.Infrastructure;

/// <summary>
/// A Dovecot of <see cref="TestImapServer"/> stopped for as long as a test needs (every connection drops, reconnects
/// are refused) and started again on the same ports with the same mail — an outage, where
/// <see cref="TestImapServer.RestartAsync"/> is a blip.
/// </summary>
public static class ImapOutage
{
    public static async Task StopAsync(this TestImapServer server)
    {
        var pidFile = Path.Combine(server.Directory, "run", "master.pid");
        var pid = (await File.ReadAllTextAsync(pidFile)).Trim();
        using var master = Process.GetProcessById(int.Parse(pid, System.Globalization.CultureInfo.InvariantCulture));
        // The imap processes serving open sessions outlive their master: they are ended too (by id), so connections drop.
        var children = ChildrenOf(master.Id);
        master.Kill();
        await master.WaitForExitAsync();
        foreach (var child in children)
        {
            try
            {
                using var process = Process.GetProcessById(child);
                process.Kill();
                await process.WaitForExitAsync();
            }
            catch (ArgumentException)
            {
                // Gone with the master already.
            }
        }
        await Eventually.Until(() => !Listening(server.Port), TimeSpan.FromSeconds(10), "Dovecot's port to close");
    }

    /// <summary>Starts the stopped server again (default capabilities: a server started with others is not for this).</summary>
    public static async Task StartAgainAsync(this TestImapServer server)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { Script(), "start", server.Directory, server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     server.TlsPort.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("scripts/dovecot.sh start failed: " + await error);
        }
    }

    /// <summary>The ids of the processes whose parent is <paramref name="parent"/> (from /proc).</summary>
    private static List<int> ChildrenOf(int parent)
    {
        var children = new List<int>();
        foreach (var dir in System.IO.Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }
            try
            {
                // /proc/PID/stat: "pid (comm) state ppid …"; comm may contain spaces, so read after the last ')'.
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture) == parent)
                {
                    children.Add(pid);
                }
            }
            catch (IOException)
            {
            }
        }
        return children;
    }

    private static bool Listening(int port)
    {
        try
        {
            using var probe = new TcpClient();
            probe.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string Script()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Parley.slnx")))
            {
                return Path.Combine(dir.FullName, "scripts", "dovecot.sh");
            }
        }
        throw new DirectoryNotFoundException($"No Parley.slnx above {AppContext.BaseDirectory}");
    }
}
