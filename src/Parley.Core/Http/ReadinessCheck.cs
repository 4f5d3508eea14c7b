using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Storage;

namespace Parley.Core.Http;

/// <summary><c>/readyz</c>: every module's database answers and has no pending migrations, and every <see cref="IReadinessProbe"/> is content.</summary>
internal static class ReadinessCheck
{
    public static async Task<Results<Ok<ReadinessReport>, JsonHttpResult<ReadinessReport>>> CheckAsync(
        DatabaseMigrator migrator, IServiceScopeFactory scopes, [FromServices] IEnumerable<IReadinessProbe> probes, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        foreach (var module in migrator.Modules)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = (DbContext)scope.ServiceProvider.GetRequiredService(module.ContextType);
            try
            {
                if (!await db.Database.CanConnectAsync(cancellationToken))
                {
                    problems.Add($"{module.Name}: database unreachable");
                }
                else if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
                {
                    problems.Add($"{module.Name}: migrations pending");
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                problems.Add($"{module.Name}: {ex.GetType().Name}");
            }
        }
        foreach (var probe in probes)
        {
            if (await probe.ProblemAsync(cancellationToken) is { } problem)
            {
                problems.Add(problem);
            }
        }
        var report = new ReadinessReport(problems.Count == 0 ? "ready" : "not_ready", problems);
        return problems.Count == 0
            ? TypedResults.Ok(report)
            : TypedResults.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}

internal sealed record ReadinessReport(string Status, IReadOnlyList<string> Problems);
