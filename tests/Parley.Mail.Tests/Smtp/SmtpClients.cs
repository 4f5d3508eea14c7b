using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Parley.Mail.Tests.Smtp;

/// <summary>The output and exit code of a client program run against the server.</summary>
internal sealed record ClientRun(int ExitCode, string Output);

/// <summary>Real SMTP clients as processes: <c>swaks</c> and Debian's Python <c>smtplib</c> (<c>/usr/bin/python3</c>, not the pyenv shim).</summary>
internal static class SmtpClients
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>Runs swaks against 127.0.0.1:<paramref name="port"/>; its transcript marks server lines with <c>&lt;-</c> (or <c>&lt;~</c> inside TLS).</summary>
    public static Task<ClientRun> SwaksAsync(int port, params string[] args) =>
        RunAsync("swaks", ["--server", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--hide-informational", .. args], null);

    /// <summary>Runs a Python script with <c>PORT</c> set; the script prints what the test checks.</summary>
    public static Task<ClientRun> PythonAsync(int port, string script) =>
        RunAsync("/usr/bin/python3", ["-c", script], new Dictionary<string, string> { ["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    private static async Task<ClientRun> RunAsync(string program, IEnumerable<string> args, IDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Deadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish within {Deadline.TotalSeconds} s");
        }
        return new ClientRun(process.ExitCode, await stdout + await stderr);
    }
}

/// <summary>
/// A client on a bare socket, for what real clients will not send: smuggling line ends, over-long lines,
/// pipelined bursts. Replies are read whole (multi-line ones too), each read bounded by a deadline.
/// </summary>
internal sealed class RawSmtpClient : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly StreamReader _reader;

    private RawSmtpClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _reader = new StreamReader(_stream, Encoding.UTF8);
    }

    public static async Task<RawSmtpClient> ConnectAsync(int port)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        return new RawSmtpClient(tcp);
    }

    public async Task SendAsync(string text) => await SendAsync(Encoding.UTF8.GetBytes(text));

    public async Task SendAsync(byte[] bytes)
    {
        await _stream.WriteAsync(bytes);
        await _stream.FlushAsync();
    }

    /// <summary>The next reply, all its lines joined with newlines; null when the server closed the connection.</summary>
    public async Task<string?> ReadReplyAsync(TimeSpan? deadline = null)
    {
        using var timeout = new CancellationTokenSource(deadline ?? TimeSpan.FromSeconds(10));
        var lines = new List<string>();
        while (true)
        {
            var line = await _reader.ReadLineAsync(timeout.Token);
            if (line is null)
            {
                return lines.Count == 0 ? null : string.Join('\n', lines);
            }
            lines.Add(line);
            if (line.Length < 4 || line[3] != '-')
            {
                return string.Join('\n', lines);
            }
        }
    }

    /// <summary>Sends one command line and returns the reply.</summary>
    public async Task<string?> CommandAsync(string line)
    {
        await SendAsync(line + "\r\n");
        return await ReadReplyAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        await _stream.DisposeAsync();
        _tcp.Dispose();
    }
}
