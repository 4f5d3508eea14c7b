using System.Globalization;

namespace Parley.Mail.Outbound;

/// <summary>
/// <c>Mail:Outbound:RetrySchedule</c> read: the delay before each retry of a delivery that failed
/// temporarily (<c>1m,5m,1h</c>). One attempt more than there are delays; then the message has failed.
/// </summary>
internal sealed class RetrySchedule
{
    private RetrySchedule(IReadOnlyList<TimeSpan> delays) => Delays = delays;

    public IReadOnlyList<TimeSpan> Delays { get; }

    /// <summary>The first attempt plus one per delay.</summary>
    public int MaxAttempts => Delays.Count + 1;

    /// <summary>The delay after failed attempt <paramref name="attempt"/> (1-based), or null when it was the last.</summary>
    public TimeSpan? After(int attempt) => attempt >= 1 && attempt <= Delays.Count ? Delays[attempt - 1] : null;

    public static RetrySchedule Parse(string text) =>
        TryParse(text, out var schedule, out var error) ? schedule : throw new FormatException(error);

    public static bool TryParse(string? text, out RetrySchedule schedule, out string error)
    {
        schedule = new RetrySchedule([]);
        error = "";
        var delays = new List<TimeSpan>();
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part.Length < 2 || !int.TryParse(part.AsSpan(0, part.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
            {
                error = $"'{part}' is not a delay like 30s, 5m, 2h or 1d";
                return false;
            }
            TimeSpan? delay = part[^1] switch
            {
                's' => TimeSpan.FromSeconds(n),
                'm' => TimeSpan.FromMinutes(n),
                'h' => TimeSpan.FromHours(n),
                'd' => TimeSpan.FromDays(n),
                _ => null,
            };
            if (delay is null)
            {
                error = $"'{part}' has no unit (s, m, h or d)";
                return false;
            }
            delays.Add(delay.Value);
        }
        if (delays.Count > 100)
        {
            error = "at most 100 delays";
            return false;
        }
        schedule = new RetrySchedule(delays);
        return true;
    }
}
