using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Http;

namespace Parley.Modmail.Panel;

/// <summary>One page of a panel list: <c>{"items": [...], "next_cursor": "..." | null}</c>, as Mail's lists.</summary>
internal sealed record PanelPage<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>
/// <c>?cursor=&amp;limit=</c> (1–100, default 50), Mail's paging: a cursor is the position after the last item — a
/// timestamp and a tie-breaking id — opaque to clients.
/// </summary>
internal readonly record struct PanelPageRequest(int Limit, DateTime? After, Guid? AfterId)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;

    public static bool TryParse(string? cursor, int? limit, out PanelPageRequest page, out ProblemHttpResult? problem)
    {
        page = default;
        problem = null;
        var take = limit ?? DefaultLimit;
        if (take is < 1 or > MaxLimit)
        {
            problem = PanelProblems.Invalid("limit", $"must be between 1 and {MaxLimit}");
            return false;
        }
        if (string.IsNullOrEmpty(cursor))
        {
            page = new PanelPageRequest(take, null, null);
            return true;
        }
        var separator = cursor.IndexOf('_', StringComparison.Ordinal);
        if (separator <= 0
            || !long.TryParse(cursor.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTime.MaxValue.Ticks
            || !Guid.TryParse(cursor.AsSpan(separator + 1), CultureInfo.InvariantCulture, out var id))
        {
            problem = PanelProblems.Invalid("cursor", "is not a cursor this endpoint returned");
            return false;
        }
        page = new PanelPageRequest(take, new DateTime(ticks, DateTimeKind.Utc), id);
        return true;
    }

    /// <summary>The page of the first <see cref="Limit"/> rows (fetched with one extra to know whether more follow).</summary>
    public PanelPage<TView> Page<TRow, TView>(IReadOnlyList<TRow> rows, Func<TRow, TView> view, Func<TRow, (DateTime At, Guid Id)> position)
    {
        var items = rows.Take(Limit).ToList();
        string? next = null;
        if (rows.Count > Limit)
        {
            var (at, id) = position(items[^1]);
            next = string.Create(CultureInfo.InvariantCulture, $"{at.Ticks}_{id:D}");
        }
        return new PanelPage<TView>(items.Select(view).ToList(), next);
    }
}

/// <summary>The panel's common refusals.</summary>
internal static class PanelProblems
{
    public static ProblemHttpResult Invalid(string field, string reason) =>
        ApiProblem.Validation(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [reason] });

    public static ProblemHttpResult DeskNotFound() => ApiProblem.NotFound("desk_not_found", "No such support desk.");

    public static ProblemHttpResult TicketNotFound() => ApiProblem.NotFound("ticket_not_found", "No such ticket, or not one you may see.");

    public static ProblemHttpResult PermissionRequired(string permission) =>
        ApiProblem.Forbidden("panel_permission_required", $"This needs the panel permission '{permission}' at this desk.");

    public static ProblemHttpResult SuperAdminRequired() =>
        ApiProblem.Forbidden("super_admin_required", "Only Modmail's super admins (Modmail:SuperAdmins) may do this.");
}
