using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Parley.IntegrationTests.Infrastructure;

/// <summary>
/// The built server (<c>dotnet parley.dll</c>) as a real process in a working directory of its own,
/// configured through environment variables. Output is captured line by line; every wait has a deadline.
/// </summary>
public sealed partial class ParleyProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _gate = new();
    private readonly List<(Regex Pattern, TaskCompletionSource<Match> Found)> _waiters = [];

    private ParleyProcess(Process process) => _process = process;

    public int Id => _process.Id;
    public Uri? BaseAddress { get; private set; }

    /// <summary>Everything the process printed so far, stdout and stderr interleaved.</summary>
    public string Output
    {
        get
        {
            lock (_gate)
            {
                return _output.ToString();
            }
        }
    }

    [GeneratedRegex(@"Parley listening on (http://\S+)")]
    private static partial Regex ListeningBanner();

    /// <summary>Starts <c>parley</c> with <paramref name="args"/> (none: serve) and returns at once.</summary>
    public static ParleyProcess Start(ParleyEnvironment environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = environment.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ParleyBinary.DllPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        environment.ApplyTo(start.Environment);

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var parley = new ParleyProcess(process);
        process.OutputDataReceived += (_, e) => parley.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => parley.OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return parley;
    }

    /// <summary>Starts the server and waits for its listening banner.</summary>
    public static async Task<ParleyProcess> StartServerAsync(ParleyEnvironment environment, TimeSpan? deadline = null)
    {
        var server = Start(environment);
        try
        {
            var banner = await server.WaitForOutputAsync(ListeningBanner(), deadline ?? TimeSpan.FromSeconds(60));
            server.BaseAddress = new Uri(banner.Groups[1].Value);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs a CLI verb to completion and returns its exit code and output.</summary>
    public static async Task<CliRun> RunAsync(ParleyEnvironment environment, TimeSpan deadline, params string[] args)
    {
        await using var process = Start(environment, args);
        var exitCode = await process.WaitForExitAsync(deadline);
        return new CliRun(exitCode, process.Output);
    }

    public async Task<Match> WaitForOutputAsync(Regex pattern, TimeSpan deadline)
    {
        var found = new TaskCompletionSource<Match>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            var match = pattern.Match(_output.ToString());
            if (match.Success)
            {
                return match;
            }
            _waiters.Add((pattern, found));
        }
        var exited = _process.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(deadline);
        var first = await Task.WhenAny(found.Task, exited, Task.Delay(Timeout.Infinite, timeout.Token));
        if (first == found.Task)
        {
            return await found.Task;
        }
        // The line may have arrived together with the exit.
        lock (_gate)
        {
            var match = pattern.Match(_output.ToString());
            if (match.Success)
            {
                return match;
            }
        }
        var why = first == exited ? $"parley exited with {_process.ExitCode}" : $"{deadline.TotalSeconds} s passed";
        throw new TimeoutException($"'{pattern}' never appeared ({why}). Output:\n{Output}");
    }

    public async Task<int> WaitForExitAsync(TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"parley did not exit within {deadline.TotalSeconds} s. Output:\n{Output}");
        }
        return _process.ExitCode;
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_gate)
        {
            _output.AppendLine(line);
            var text = _output.ToString();
            foreach (var waiter in _waiters.ToList())
            {
                var match = waiter.Pattern.Match(text);
                if (match.Success)
                {
                    waiter.Found.TrySetResult(match);
                    _waiters.Remove(waiter);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }
        _process.Dispose();
    }
}

public sealed record CliRun(int ExitCode, string Output);
