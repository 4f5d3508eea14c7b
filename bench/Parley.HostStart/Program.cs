using System.Diagnostics;
using Parley.Tests.Infrastructure;

// Starts the whole server in-process (TestApp: a database copied from the migrated template, the host, TestServer)
// N times in a row per provider, as the test suite does for every test, and prints the median and range of each step:
//   parley-host-start [runs=20] [providers=sqlite,postgres]     (postgres needs PARLEY_TEST_POSTGRES)
// The first run of a process pays JIT for everything and is reported apart.
var runs = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 20;
var providers = (args.Length > 1 ? args[1] : "sqlite,postgres").Split(',', StringSplitOptions.RemoveEmptyEntries);

Console.WriteLine("| provider | step | first run (ms) | min | median | max |");
Console.WriteLine("|---|---|---|---|---|---|");
foreach (var provider in providers)
{
    var start = new List<double>();
    var firstRequest = new List<double>();
    var stop = new List<double>();
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    for (var i = 0; i <= runs; i++)
    {
        var clock = Stopwatch.StartNew();
        var app = await TestApp.StartAsync(provider);
        start.Add(clock.Elapsed.TotalMilliseconds);
        clock.Restart();
        // An authenticated API call: routing, authentication, a handler and the database.
        using (var response = await app.Client.GetAsync("/api/chat/communities"))
        {
            firstRequest.Add(clock.Elapsed.TotalMilliseconds);
        }
        clock.Restart();
        await app.DisposeAsync();
        stop.Add(clock.Elapsed.TotalMilliseconds);
        if (i == 0)
        {
            cpu = Process.GetCurrentProcess().TotalProcessorTime;
        }
    }
    var cpuPerRun = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / runs;
    Row(provider, "start (database copy + host)", start);
    Row(provider, "first request", firstRequest);
    Row(provider, "stop + drop database", stop);
    Console.WriteLine($"| {provider} | CPU per start-request-stop, after the first | | | {cpuPerRun:F0} | |");
}

static void Row(string provider, string step, List<double> values)
{
    var warm = values.Skip(1).Order().ToList();
    Console.WriteLine($"| {provider} | {step} | {values[0]:F0} | {warm[0]:F0} | {warm[warm.Count / 2]:F0} | {warm[^1]:F0} |");
}
