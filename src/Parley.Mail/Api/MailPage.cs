using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Http;

namespace Parley.Mail.Api;

/// <summary>One page of a list: <c>{"items": [...], "next_cursor": "..." | null}</c>.</summary>
internal sealed record MailPage<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>
/// The contract's paging: <c>?cursor=&amp;limit=</c> (1–100, default 50). A cursor is the position after the
/// last item: a timestamp and a tie-breaking key, opaque to clients.
/// </summary>
internal readonly record struct PageRequest(int Limit, DateTime? After, string? AfterKey)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;

    public static bool TryParse(string? cursor, int? limit, out PageRequest page, out ProblemHttpResult? problem)
    {
        page = default;
        problem = null;
        var take = limit ?? DefaultLimit;
        if (take is < 1 or > MaxLimit)
        {
            problem = Invalid("limit", $"must be between 1 and {MaxLimit}");
            return false;
        }
        if (string.IsNullOrEmpty(cursor))
        {
            page = new PageRequest(take, null, null);
            return true;
        }
        var separator = cursor.IndexOf('_', StringComparison.Ordinal);
        if (separator <= 0
            || !long.TryParse(cursor.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTime.MaxValue.Ticks
            || separator == cursor.Length - 1)
        {
            problem = Invalid("cursor", "is not a cursor this endpoint returned");
            return false;
        }
        var key = Uri.UnescapeDataString(cursor[(separator + 1)..]);
        page = new PageRequest(take, new DateTime(ticks, DateTimeKind.Utc), key);
        return true;
    }

    public static string Cursor(DateTime at, string key) =>
        string.Create(CultureInfo.InvariantCulture, $"{at.Ticks}_{Uri.EscapeDataString(key)}");

    public Guid? AfterGuid => Guid.TryParse(AfterKey, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>The page of the first <see cref="Limit"/> rows of <paramref name="rows"/> (fetched with one extra to know whether more follow).</summary>
    public MailPage<TView> Page<TRow, TView>(IReadOnlyList<TRow> rows, Func<TRow, TView> view, Func<TRow, (DateTime At, string Key)> position)
    {
        var items = rows.Take(Limit).ToList();
        var next = rows.Count > Limit ? position(items[^1]) : ((DateTime At, string Key)?)null;
        return new MailPage<TView>(items.Select(view).ToList(), next is { } p ? Cursor(p.At, p.Key) : null);
    }

    public static ProblemHttpResult Invalid(string field, string reason) =>
        ApiProblem.Validation(new Dictionary<string, string[]> { [field] = [reason] });
}
