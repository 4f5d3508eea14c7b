using System.Globalization;

namespace Parley.Core.Webhooks;

/// <summary>Parses <see cref="WebhooksOptions.RetrySchedule"/>: comma-separated durations such as <c>500ms, 30s, 2m, 1h, 1d</c>.</summary>
public static class WebhookRetrySchedule
{
    public const int MaxRetries = 50;

    public static IReadOnlyList<TimeSpan> Parse(string schedule) =>
        TryParse(schedule, out var delays, out var error) ? delays : throw new FormatException(error);

    public static bool TryParse(string? schedule, out IReadOnlyList<TimeSpan> delays, out string error)
    {
        delays = [];
        error = "";
        if (string.IsNullOrWhiteSpace(schedule))
        {
            error = "must list at least one delay, e.g. '30s, 2m, 10m'";
            return false;
        }
        var parsed = new List<TimeSpan>();
        foreach (var part in schedule.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!TryParseDuration(part, out var delay))
            {
                error = $"'{part}' is not a duration like 500ms, 30s, 2m, 1h or 1d";
                return false;
            }
            parsed.Add(delay);
        }
        if (parsed.Count > MaxRetries)
        {
            error = $"at most {MaxRetries} delays";
            return false;
        }
        delays = parsed;
        return true;
    }

    private static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = default;
        var unitStart = 0;
        while (unitStart < text.Length && char.IsAsciiDigit(text[unitStart]))
        {
            unitStart++;
        }
        if (unitStart == 0 || !int.TryParse(text.AsSpan(0, unitStart), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }
        TimeSpan? value = text[unitStart..] switch
        {
            "ms" => TimeSpan.FromMilliseconds(amount),
            "s" => TimeSpan.FromSeconds(amount),
            "m" => TimeSpan.FromMinutes(amount),
            "h" => TimeSpan.FromHours(amount),
            "d" => TimeSpan.FromDays(amount),
            _ => null,
        };
        if (value is not { } v || v > TimeSpan.FromDays(30))
        {
            return false;
        }
        duration = v;
        return true;
    }
}
