using System.Diagnostics;

namespace Parley.Modmail.Tests.Email;

/// <summary>The real <c>swaks</c> client against Parley's SMTP server on 127.0.0.1.</summary>
internal static class Swaks
{
    public static async Task<(int ExitCode, string Output)> SendAsync(int port, params string[] args)
    {
        var start = new ProcessStartInfo("swaks") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])["--server", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--hide-informational", .. args])
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("swaks did not finish within 60 s");
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}
