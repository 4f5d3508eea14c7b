using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Parley.Core.Security;
using Parley.Modmail.Panel;

namespace Parley.Modmail.Statistics;

/// <summary>
/// The dashboard (<c>GET /api/modmail/desks/{id}/statistics?days=7|30|90</c>, <c>view_tickets</c>). The figures cover
/// every ticket of the desk (they are counts, not contents), whatever the caller's category permissions.
/// </summary>
internal static class StatisticsApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/modmail/desks/{id:guid}/statistics", async Task<Results<Ok<DeskStatistics>, ProblemHttpResult>> (
            Guid id, int? days, HttpContext context, PanelGate gate, TicketStatistics statistics, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var (caller, problem) = await gate.EnterAsync(context.User, id, PanelPermissions.ViewTickets, cancellationToken);
            if (caller is null)
            {
                return problem!;
            }
            var period = days ?? 30;
            if (!TicketStatistics.Periods.Contains(period))
            {
                return PanelProblems.Invalid("days", "7, 30 or 90");
            }
            return TypedResults.Ok(await statistics.ComputeAsync(id, period, clock.GetUtcNow().UtcDateTime, cancellationToken));
        }).WithTags("Modmail: statistics").RequirePermission(Permissions.Account);
    }
}
