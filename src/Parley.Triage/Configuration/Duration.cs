using System.ComponentModel;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Parley.Triage.Configuration;

/// <summary>
/// A length of time written Mailpilot's way: a whole number and one unit — <c>500ms</c>, <c>30s</c>, <c>5m</c>,
/// <c>24h</c>, <c>7d</c>, <c>2w</c>, <c>1y</c> (365 days). Binds from configuration through its type converter, so a bad
/// value is reported at start-up with its key.
/// </summary>
[TypeConverter(typeof(DurationConverter))]
public readonly partial record struct Duration(TimeSpan Value)
{
    public static Duration Parse(string text) =>
        TryParse(text, out var duration)
            ? duration
            : throw new FormatException($"'{text}' is not a duration (a number and a unit: 30s, 5m, 24h, 7d, 2w, 1y)");

    public static bool TryParse(string? text, out Duration duration)
    {
        duration = default;
        var match = Pattern().Match(text?.Trim() ?? "");
        if (!match.Success || !long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }
        var unit = match.Groups[2].Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(1),
            "s" => TimeSpan.FromSeconds(1),
            "m" => TimeSpan.FromMinutes(1),
            "h" => TimeSpan.FromHours(1),
            "d" => TimeSpan.FromDays(1),
            "w" => TimeSpan.FromDays(7),
            _ => TimeSpan.FromDays(365),
        };
        // Ten thousand years is past any retention anyone means; beyond it TimeSpan would overflow.
        if (amount > TimeSpan.FromDays(3_650_000).Ticks / unit.Ticks)
        {
            return false;
        }
        duration = new Duration(unit * amount);
        return true;
    }

    public static Duration FromMinutes(int minutes) => new(TimeSpan.FromMinutes(minutes));
    public static Duration FromHours(int hours) => new(TimeSpan.FromHours(hours));
    public static Duration FromDays(int days) => new(TimeSpan.FromDays(days));
    public static Duration FromSeconds(int seconds) => new(TimeSpan.FromSeconds(seconds));

    public override string ToString() => Value.ToString("c", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(\d+)(ms|s|m|h|d|w|y)$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

/// <summary>Lets the configuration binder read <see cref="Duration"/> from a string.</summary>
public sealed class DurationConverter : TypeConverter
{
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
        sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string text ? Duration.Parse(text) : base.ConvertFrom(context, culture, value);
}
