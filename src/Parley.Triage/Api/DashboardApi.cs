using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Core.Http;
using Parley.Core.Security;
using Parley.Triage.Configuration;
using Parley.Triage.Dashboard;
using Parley.Triage.Storage;

namespace Parley.Triage.Api;

/// <summary>
/// <c>/api/triage/dashboard</c>: Mailpilot's dashboard sign-in for its own users (bcrypt passwords, session tokens),
/// its first-run setup (the first user may be created by anyone while there is none, as Mailpilot's <c>/api/setup</c>),
/// and the user list. Sign-in and setup are anonymous and rate-limited per IP with Core's <c>auth</c> budget.
/// </summary>
internal static class DashboardApi
{
    public static void MapTriageDashboardApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/triage/dashboard").WithTags("Triage");
        var anonymous = group.MapGroup("").AllowAnonymous().RequireRateLimiting(RateLimitPolicies.Auth);

        anonymous.MapPost("/sign-in", SignInAsync);
        anonymous.MapGet("/setup", async (DashboardAccounts accounts, CancellationToken ct) =>
            TypedResults.Ok(new SetupStatus(!await accounts.AnyUserAsync(ct))));
        anonymous.MapPost("/setup", SetupAsync);

        var signedIn = group.MapGroup("").RequireTriageDashboard();
        signedIn.MapPost("/sign-out", async (HttpContext context, DashboardAccounts accounts, FeedConnections feeds, CancellationToken ct) =>
        {
            // A Core admin's token is Core's to revoke (/api/auth/logout); only a dashboard session is closed here.
            if (ParleyAuthentication.BearerToken(context.Request) is { } token && DashboardSessionAuthenticationHandler.Accepts(token))
            {
                feeds.Close(await accounts.CloseSessionAsync(token, ct));
            }
            return TypedResults.NoContent();
        });
        signedIn.MapGet("/me", (HttpContext context) => TypedResults.Ok(Me(context)));
        signedIn.MapGet("/users", async (TriageDbContext db, CancellationToken ct) =>
            TypedResults.Ok(new DashboardUserList(await db.DashboardUsers.AsNoTracking().OrderBy(u => u.Id)
                .Select(u => new DashboardUserView(u.Id, u.Username, DateTimeOffset.FromUnixTimeSeconds(u.CreatedAt))).ToListAsync(ct))));
        signedIn.MapPost("/users", async Task<Results<Created<DashboardUserView>, ProblemHttpResult>> (
            DashboardCredentials body, DashboardAccounts accounts, CancellationToken ct) =>
        {
            if (Missing(body) is { } missing)
            {
                return missing;
            }
            var (user, refusal) = await accounts.CreateUserAsync(body.Username!, body.Password!, ct);
            return user is null
                ? refusal!.ToProblem()
                : TypedResults.Created($"/api/triage/dashboard/users/{user.Id}", new DashboardUserView(user.Id, user.Username, DateTimeOffset.FromUnixTimeSeconds(user.CreatedAt)));
        });
    }

    private static async Task<Results<Ok<DashboardSignedIn>, ProblemHttpResult>> SignInAsync(
        DashboardCredentials body, DashboardAccounts accounts, IOptionsMonitor<TriageOptions> options, CancellationToken ct)
    {
        if (!options.CurrentValue.Dashboard.Enabled)
        {
            return Disabled();
        }
        if (Missing(body) is { } missing)
        {
            return missing;
        }
        var user = await accounts.VerifyPasswordAsync(body.Username!, body.Password!, ct);
        if (user is null)
        {
            // One answer for an unknown name and a wrong password (and about the same time: DashboardAccounts).
            return ApiProblem.Unauthorized("invalid_credentials", "The username or password is wrong.");
        }
        return TypedResults.Ok(await OpenAsync(accounts, user, ct));
    }

    private static async Task<Results<Ok<DashboardSignedIn>, ProblemHttpResult>> SetupAsync(
        DashboardCredentials body, DashboardAccounts accounts, IOptionsMonitor<TriageOptions> options, CancellationToken ct)
    {
        if (!options.CurrentValue.Dashboard.Enabled)
        {
            return Disabled();
        }
        if (Missing(body) is { } missing)
        {
            return missing;
        }
        if (await accounts.AnyUserAsync(ct))
        {
            return DashboardAccounts.SetupDone.ToProblem();
        }
        var (user, refusal) = await accounts.CreateFirstUserAsync(body.Username!, body.Password!, ct);
        return user is null ? refusal!.ToProblem() : TypedResults.Ok(await OpenAsync(accounts, user, ct));
    }

    private static async Task<DashboardSignedIn> OpenAsync(DashboardAccounts accounts, DashboardUser user, CancellationToken ct)
    {
        var (token, session) = await accounts.OpenSessionAsync(user.Id, ct);
        return new DashboardSignedIn(token, "Bearer", DateTimeOffset.FromUnixTimeSeconds(session.ExpiresAt),
            new DashboardUserView(user.Id, user.Username, DateTimeOffset.FromUnixTimeSeconds(user.CreatedAt)));
    }

    private static DashboardMe Me(HttpContext context)
    {
        var user = context.User;
        if (TriageDashboardAuthorization.IsDashboardUser(user))
        {
            return new DashboardMe("dashboard_user",
                user.FindFirst(DashboardSessionAuthenticationHandler.UserClaim)!.Value,
                user.FindFirst(DashboardSessionAuthenticationHandler.UsernameClaim)?.Value);
        }
        return new DashboardMe("parley_user", user.FindFirst(ParleyClaims.Subject)?.Value ?? "",
            user.FindFirst("name")?.Value ?? user.FindFirst("preferred_username")?.Value);
    }

    private static ProblemHttpResult? Missing(DashboardCredentials body)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body.Username))
        {
            errors["username"] = ["is required"];
        }
        if (string.IsNullOrEmpty(body.Password))
        {
            errors["password"] = ["is required"];
        }
        return errors.Count > 0 ? ApiProblem.Validation(errors) : null;
    }

    private static ProblemHttpResult Disabled() =>
        ApiProblem.Forbidden("dashboard_disabled", "Dashboard users are turned off (triage.dashboard.enabled: false); Parley admins still have access.");
}

internal sealed record DashboardCredentials(string? Username, string? Password);

internal sealed record DashboardSignedIn(string Token, string TokenType, DateTimeOffset ExpiresAt, DashboardUserView User);

internal sealed record DashboardUserView(long Id, string Username, DateTimeOffset CreatedAt);

internal sealed record DashboardUserList(IReadOnlyList<DashboardUserView> Items);

internal sealed record SetupStatus(bool NeedsSetup);

/// <summary><see cref="Kind"/>: <c>dashboard_user</c> (a Triage dashboard account) or <c>parley_user</c> (a Core owner/admin).</summary>
internal sealed record DashboardMe(string Kind, string Id, string? Username);
