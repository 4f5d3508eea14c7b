using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Core.Http;
using Parley.Core.Security;
using Parley.Core.Storage;

namespace Parley.Core.Audit;

/// <summary><c>GET /api/admin/audit</c>: the audit log, newest first, paged by a cursor.</summary>
internal static class AuditApi
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static void MapAuditApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/admin/audit", QueryAsync).RequirePermission(Permissions.AuditRead).WithTags("Audit");
    }

    private static async Task<Results<Ok<AuditPage>, ProblemHttpResult>> QueryAsync(
        CoreDbContext db, string? action, [FromQuery(Name = "user_id")] Guid? userId, string? before, int? limit, CancellationToken cancellationToken)
    {
        var take = limit ?? DefaultLimit;
        if (take is < 1 or > MaxLimit)
        {
            return ApiProblem.Validation(new Dictionary<string, string[]> { ["limit"] = [$"must be between 1 and {MaxLimit}"] });
        }
        var query = db.AuditLog.AsNoTracking();
        if (!string.IsNullOrEmpty(action))
        {
            query = query.Where(e => e.Action == action);
        }
        if (userId is { } actor)
        {
            query = query.Where(e => e.UserId == actor);
        }
        if (!string.IsNullOrEmpty(before))
        {
            if (!AuditCursor.TryParse(before, out var at, out var id))
            {
                return ApiProblem.Validation(new Dictionary<string, string[]> { ["before"] = ["is not a cursor this endpoint returned"] });
            }
            query = query.Where(e => e.CreatedAt < at || (e.CreatedAt == at && e.Id.CompareTo(id) < 0));
        }
        var rows = await (
                from e in query
                join u in db.Users on e.UserId equals u.Id into actors
                from u in actors.DefaultIfEmpty()
                orderby e.CreatedAt descending, e.Id descending
                select new { Entry = e, Username = u == null ? null : u.Username })
            .Take(take + 1)
            .ToListAsync(cancellationToken);

        var items = rows.Take(take).Select(r => new AuditItem(
            r.Entry.Id, r.Entry.CreatedAt, r.Entry.UserId, r.Username, r.Entry.ApiKeyId, r.Entry.Action,
            r.Entry.IpAddress, r.Entry.UserAgent, ParseMetadata(r.Entry.Metadata))).ToList();
        var next = rows.Count > take ? AuditCursor.Format(items[^1].CreatedAt, items[^1].Id) : null;
        return TypedResults.Ok(new AuditPage(items, next));
    }

    private static JsonElement ParseMetadata(string metadata)
    {
        using var document = JsonDocument.Parse(string.IsNullOrEmpty(metadata) ? "{}" : metadata);
        return document.RootElement.Clone();
    }
}

internal sealed record AuditPage(IReadOnlyList<AuditItem> Items, string? NextCursor);

internal sealed record AuditItem(
    Guid Id, DateTime CreatedAt, Guid? UserId, string? Username, long? ApiKeyId, string Action,
    string? IpAddress, string? UserAgent, JsonElement Metadata);

/// <summary>The position after an item: its time and id, since many entries can share a time.</summary>
internal static class AuditCursor
{
    public static string Format(DateTime createdAt, Guid id) =>
        string.Create(CultureInfo.InvariantCulture, $"{createdAt.Ticks}_{id:N}");

    public static bool TryParse(string cursor, out DateTime createdAt, out Guid id)
    {
        createdAt = default;
        id = default;
        var parts = cursor.Split('_');
        if (parts.Length != 2
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTime.MaxValue.Ticks
            || !Guid.TryParseExact(parts[1], "N", out id))
        {
            return false;
        }
        createdAt = new DateTime(ticks, DateTimeKind.Utc);
        return true;
    }
}
