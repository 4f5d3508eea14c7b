using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Http;
using Parley.Core.Security;
using Parley.Core.Storage;

namespace Parley.Core.Jobs;

/// <summary><c>GET /api/admin/jobs</c>: what the runners are doing, across every module (never payloads).</summary>
internal static class JobsApi
{
    private const int DefaultLimit = 100;
    private const int MaxLimit = 1000;
    private static readonly string[] States = [JobStates.Pending, JobStates.Running, JobStates.Succeeded, JobStates.Dead];

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var jobs = endpoints.MapGroup("/api/admin/jobs").WithTags("Jobs");
        jobs.MapGet("/", ListAsync).RequirePermission(Permissions.JobsRead);
    }

    private static async Task<Results<Ok<List<JobSummary>>, ProblemHttpResult>> ListAsync(
        string? state, int? limit, [FromServices] IEnumerable<ModuleDatabase> modules, HttpContext http, CancellationToken cancellationToken)
    {
        if (state is not null && !States.Contains(state, StringComparer.Ordinal))
        {
            return ApiProblem.Validation(new Dictionary<string, string[]> { ["state"] = [$"must be one of: {string.Join(", ", States)}"] });
        }
        if (limit is < 1 or > MaxLimit)
        {
            return ApiProblem.Validation(new Dictionary<string, string[]> { ["limit"] = [$"must be between 1 and {MaxLimit}"] });
        }
        var take = limit ?? DefaultLimit;
        var all = new List<JobSummary>();
        foreach (var module in modules)
        {
            var db = (ModuleDbContext)http.RequestServices.GetRequiredService(module.ContextType);
            var query = db.Jobs.AsNoTracking();
            if (state is not null)
            {
                query = query.Where(j => j.State == state);
            }
            all.AddRange(await query
                .OrderByDescending(j => j.CreatedAt)
                .Take(take)
                .Select(j => new JobSummary(j.Id, module.Name, j.Kind, j.State, j.Attempts, j.MaxAttempts, j.DueAt, j.CreatedAt, j.UpdatedAt, j.CompletedAt, j.LastError))
                .ToListAsync(cancellationToken));
        }
        return TypedResults.Ok(all.OrderByDescending(j => j.CreatedAt).Take(take).ToList());
    }
}

internal sealed record JobSummary(
    Guid Id,
    string Module,
    string Kind,
    string State,
    int Attempts,
    int MaxAttempts,
    DateTime DueAt,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? CompletedAt,
    string? LastError);
