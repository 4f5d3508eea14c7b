using System.Globalization;

namespace Parley.ChatLoad;

/// <summary>The server process's resident memory now and at its peak, from /proc (Linux).</summary>
internal static class ServerMemory
{
    public static string? Read(int pid)
    {
        var status = $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status";
        if (!File.Exists(status))
        {
            return null;
        }
        var lines = File.ReadAllLines(status);
        string Field(string name) => lines.FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal)) is { } line
            ? (long.Parse(line[(name.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024).ToString(CultureInfo.InvariantCulture) + "MiB"
            : "?";
        return $"rss {Field("VmRSS")} peak {Field("VmHWM")}";
    }
}
