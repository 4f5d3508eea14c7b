using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Parley.Core.Http;
using Parley.Core.Security;
using Parley.Triage.Dashboard;

namespace Parley.Triage.Pipeline;

/// <summary>
/// Account operations: list with status, pause, resume, reconnect, process now; and Triage's health. Every endpoint
/// requires <see cref="TriageDashboardAuthorization.PolicyName"/>.
/// </summary>
internal static class AccountsApi
{
    public static IEndpointRouteBuilder MapTriageAccounts(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/triage").WithTags("Triage: accounts")
            .RequireTriageDashboard();

        api.MapGet("/accounts", async Task<Ok<AccountsView>> (AccountStatuses statuses, CancellationToken ct) =>
            TypedResults.Ok(new AccountsView(await statuses.AllAsync(ct))));

        api.MapGet("/health", async Task<Ok<TriageHealthView>> (AccountStatuses statuses, CancellationToken ct) =>
            TypedResults.Ok(await statuses.HealthAsync(ct)));

        api.MapPost("/accounts/{name}/pause", (string name, TriageWatching watching, AccountStatuses statuses, CancellationToken ct) =>
            CommandAsync(name, watching.PauseAsync, statuses, ct));
        api.MapPost("/accounts/{name}/resume", (string name, TriageWatching watching, AccountStatuses statuses, CancellationToken ct) =>
            CommandAsync(name, watching.ResumeAsync, statuses, ct));
        api.MapPost("/accounts/{name}/reconnect", (string name, TriageWatching watching, AccountStatuses statuses, CancellationToken ct) =>
            CommandAsync(name, watching.RestartWatchingAsync, statuses, ct));
        api.MapPost("/accounts/{name}/process-now", (string name, TriageWatching watching, AccountStatuses statuses, CancellationToken ct) =>
            CommandAsync(name, watching.RestartWatchingAsync, statuses, ct));
        return endpoints;
    }

    private static async Task<Results<Ok<AccountStatusView>, ProblemHttpResult>> CommandAsync(
        string name, Func<string, Task<AccountRuntime?>> command, AccountStatuses statuses, CancellationToken ct)
    {
        if (await command(name) is null || await statuses.OneAsync(name, ct) is not { } status)
        {
            return ApiProblem.NotFound("triage_account_not_found", $"No Triage account is named '{name}'.");
        }
        return TypedResults.Ok(status);
    }
}
