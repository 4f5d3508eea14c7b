using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parley.Core.Http;
using Parley.Triage.Audit;
using Parley.Triage.Dashboard;
using Parley.Triage.Storage;

namespace Parley.Triage.Api;

/// <summary>
/// <c>GET /api/triage/audit</c>: decisions newest first, filtered (<see cref="AuditQuery"/>), paged by a keyset cursor
/// (<c>before</c> = the last id seen); <c>GET /api/triage/audit/export?format=csv|json</c>: every match, streamed row by
/// row from the database, never held whole.
/// </summary>
internal static class AuditApi
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static void MapTriageAuditApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/triage/audit").WithTags("Triage").RequireTriageDashboard();
        group.MapGet("", SearchAsync);
        group.MapGet("/export", Export);
    }

    private static async Task<Results<Ok<AuditPage>, ProblemHttpResult>> SearchAsync(
        string? account, string? action, string? q, DateTimeOffset? from, DateTimeOffset? to, string? provider,
        [FromQuery(Name = "min_confidence")] double? minConfidence, [FromQuery(Name = "max_confidence")] double? maxConfidence,
        long? before, int? limit, TriageDbContext db, CancellationToken ct)
    {
        var filters = new AuditQuery(account, action, q, from, to, provider, minConfidence, maxConfidence);
        var take = limit ?? DefaultLimit;
        if (filters.Errors() is { } errors)
        {
            return ApiProblem.Validation(errors);
        }
        if (take is < 1 or > MaxLimit)
        {
            return ApiProblem.Validation(new Dictionary<string, string[]> { ["limit"] = [$"must be 1–{MaxLimit}"] });
        }
        var query = filters.Apply(db.AuditLog.AsNoTracking());
        if (before is { } cursor)
        {
            query = query.Where(e => e.Id < cursor);
        }
        var rows = await query.OrderByDescending(e => e.Id).Take(take + 1).ToListAsync(ct);
        var items = rows.Take(take).Select(AuditItem.From).ToList();
        return TypedResults.Ok(new AuditPage(items, rows.Count > take ? items[^1].Id.ToString(CultureInfo.InvariantCulture) : null));
    }

    private static Results<AuditExport, ProblemHttpResult> Export(
        string? account, string? action, string? q, DateTimeOffset? from, DateTimeOffset? to, string? provider,
        [FromQuery(Name = "min_confidence")] double? minConfidence, [FromQuery(Name = "max_confidence")] double? maxConfidence,
        string? format, TriageDbContext db)
    {
        var filters = new AuditQuery(account, action, q, from, to, provider, minConfidence, maxConfidence);
        format ??= "json";
        if (format is not ("csv" or "json"))
        {
            return ApiProblem.Validation(new Dictionary<string, string[]> { ["format"] = ["must be csv or json"] });
        }
        if (filters.Errors() is { } errors)
        {
            return ApiProblem.Validation(errors);
        }
        return new AuditExport(filters.Apply(db.AuditLog.AsNoTracking()).OrderByDescending(e => e.Id), format == "csv");
    }
}

internal sealed record AuditPage(IReadOnlyList<AuditItem> Items, string? NextCursor);

/// <summary>One audit row as the dashboard shows it; <see cref="Actions"/> is the stored JSON array.</summary>
internal sealed record AuditItem(
    long Id, string MessageId, string Account, JsonElement Actions, string? Subject, string? LlmProvider, string? LlmModel,
    double? Confidence, string? Reasoning, DateTimeOffset CreatedAt)
{
    public static AuditItem From(AuditLogEntry e) => new(
        e.Id, e.MessageId, e.AccountName, ParseActions(e.Actions), e.Subject, e.LlmProvider, e.LlmModel, e.Confidence, e.Reasoning,
        DateTimeOffset.FromUnixTimeSeconds(e.CreatedAt));

    internal static JsonElement ParseActions(string json)
    {
        using var document = JsonDocument.Parse(string.IsNullOrEmpty(json) ? "[]" : json);
        return document.RootElement.Clone();
    }
}

/// <summary>The export, written to the response as rows arrive from the database.</summary>
internal sealed class AuditExport(IQueryable<AuditLogEntry> rows, bool csv) : IResult
{
    private static readonly string[] CsvColumns =
        ["id", "created_at", "account", "message_id", "actions", "subject", "llm_provider", "llm_model", "confidence", "reasoning"];

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var ct = httpContext.RequestAborted;
        response.ContentType = csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=triage-audit.{(csv ? "csv" : "json")}";
        if (csv)
        {
            await using var writer = new StreamWriter(response.Body, new UTF8Encoding(false), 16 * 1024, leaveOpen: true);
            await writer.WriteAsync(string.Join(',', CsvColumns) + "\r\n");
            await foreach (var e in rows.AsAsyncEnumerable().WithCancellation(ct))
            {
                string?[] fields =
                [
                    e.Id.ToString(CultureInfo.InvariantCulture),
                    DateTimeOffset.FromUnixTimeSeconds(e.CreatedAt).ToString("O", CultureInfo.InvariantCulture),
                    e.AccountName, e.MessageId, e.Actions, e.Subject, e.LlmProvider, e.LlmModel,
                    e.Confidence?.ToString("R", CultureInfo.InvariantCulture), e.Reasoning,
                ];
                await writer.WriteAsync(string.Join(',', fields.Select(CsvField)) + "\r\n");
            }
            await writer.FlushAsync(ct);
            return;
        }
        var options = httpContext.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        await using var jsonWriter = new Utf8JsonWriter(response.BodyWriter);
        jsonWriter.WriteStartArray();
        await foreach (var e in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            JsonSerializer.Serialize(jsonWriter, AuditItem.From(e), options);
            if (jsonWriter.BytesPending > 16 * 1024)
            {
                await jsonWriter.FlushAsync(ct);
            }
        }
        jsonWriter.WriteEndArray();
        await jsonWriter.FlushAsync(ct);
    }

    /// <summary>
    /// RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. A field a spreadsheet would take
    /// for a formula (<c>= + - @</c>, tab, CR) gets a leading apostrophe: subjects and reasoning come from strangers.
    /// </summary>
    internal static string CsvField(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
