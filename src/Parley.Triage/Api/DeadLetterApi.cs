using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Core.Http;
using Parley.Triage.Dashboard;
using Parley.Triage.DeadLetters;
using Parley.Triage.Storage;

namespace Parley.Triage.Api;

/// <summary>
/// <c>/api/triage/dead-letters</c>: the list (by status, newest first, keyset paging) and the operator's three commands.
/// <b>retry</b>: a pending or exhausted entry is retried at once (<see cref="DeadLetterRetryNowJob"/>).
/// <b>skip</b>: stop retrying a pending entry. <b>dismiss</b>: Mailpilot's "remove" — an exhausted entry, which
/// waits for the operator, is acknowledged and leaves the open list. Both end as <c>skipped</c> and resolved; no entry is
/// ever deleted.
/// </summary>
internal static class DeadLetterApi
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <summary><c>open</c>: what needs the operator (pending, retrying, exhausted); <c>resolved</c>; <c>all</c>; or one retry_status.</summary>
    internal static readonly string[] Statuses =
        ["open", "resolved", "all", DeadLetterStatus.Pending, DeadLetterStatus.Retrying, DeadLetterStatus.Exhausted, DeadLetterStatus.Success, DeadLetterStatus.Skipped];

    public static void MapTriageDeadLetterApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/triage/dead-letters").WithTags("Triage").RequireTriageDashboard();
        group.MapGet("", ListAsync);
        group.MapPost("/{id:long}/retry", async Task<Results<Accepted, ProblemHttpResult>> (long id, DeadLetterQueue queue, CancellationToken ct) =>
            Answer(await queue.RetryNowAsync(id, ct)) is { } refusal ? refusal : TypedResults.Accepted((string?)null));
        group.MapPost("/{id:long}/skip", async Task<Results<NoContent, ProblemHttpResult>> (long id, DeadLetterQueue queue, CancellationToken ct) =>
            Answer(await queue.SkipAsync(id, ct)) is { } refusal ? refusal : TypedResults.NoContent());
        group.MapPost("/{id:long}/dismiss", async Task<Results<NoContent, ProblemHttpResult>> (long id, DeadLetterQueue queue, CancellationToken ct) =>
            Answer(await queue.DismissAsync(id, ct)) is { } refusal ? refusal : TypedResults.NoContent());
    }

    private static async Task<Results<Ok<DeadLetterPage>, ProblemHttpResult>> ListAsync(
        string? status, string? account, long? before, int? limit, TriageDbContext db, CancellationToken ct)
    {
        status ??= "open";
        var take = limit ?? DefaultLimit;
        var errors = new Dictionary<string, string[]>();
        if (!Statuses.Contains(status))
        {
            errors["status"] = [$"must be one of {string.Join(", ", Statuses)}"];
        }
        if (take is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"must be 1–{MaxLimit}"];
        }
        if (errors.Count > 0)
        {
            return ApiProblem.Validation(errors);
        }
        var query = db.DeadLetters.AsNoTracking();
        query = status switch
        {
            "open" => query.Where(d => d.RetryStatus == DeadLetterStatus.Pending || d.RetryStatus == DeadLetterStatus.Retrying || d.RetryStatus == DeadLetterStatus.Exhausted),
            "resolved" => query.Where(d => d.ResolvedAt != null),
            "all" => query,
            _ => query.Where(d => d.RetryStatus == status),
        };
        if (!string.IsNullOrEmpty(account))
        {
            query = query.Where(d => d.AccountName == account);
        }
        if (before is { } cursor)
        {
            query = query.Where(d => d.Id < cursor);
        }
        var rows = await query.OrderByDescending(d => d.Id).Take(take + 1).ToListAsync(ct);
        var items = rows.Take(take).Select(DeadLetterItemView.From).ToList();
        return TypedResults.Ok(new DeadLetterPage(items, rows.Count > take ? items[^1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : null));
    }

    private static ProblemHttpResult? Answer(DeadLetterCommandResult result) => result switch
    {
        DeadLetterCommandResult.Done => null,
        DeadLetterCommandResult.NotFound => ApiProblem.NotFound("dead_letter_not_found", "No dead letter has this id."),
        _ => ApiProblem.Conflict("dead_letter_wrong_state", "The dead letter is not in a state this command applies to (see docs/triage.md)."),
    };
}

internal sealed record DeadLetterPage(IReadOnlyList<DeadLetterItemView> Items, string? NextCursor);

internal sealed record DeadLetterItemView(
    long Id, string MessageId, string Account, string Folder, long Uid, string Error, int Attempts, string RetryStatus,
    DateTimeOffset CreatedAt, DateTimeOffset? ResolvedAt, DateTimeOffset? NextRetryAt, DateTimeOffset? LastRetryAt)
{
    public static DeadLetterItemView From(DeadLetter d) => new(
        d.Id, d.MessageId, d.AccountName, d.Folder, d.Uid, d.Error, d.Attempts, d.RetryStatus,
        DateTimeOffset.FromUnixTimeSeconds(d.CreatedAt), At(d.ResolvedAt), At(d.NextRetryAt), At(d.LastRetryAt));

    private static DateTimeOffset? At(long? seconds) => seconds is { } s ? DateTimeOffset.FromUnixTimeSeconds(s) : null;
}
