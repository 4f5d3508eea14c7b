using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Parley.Core.Audit;
using Parley.Core.Http;
using Parley.Core.Security;

namespace Parley.Core.Accounts;

/// <summary>
/// <c>/api/auth</c>: sign in (password, then TOTP when on), refresh, sign out. The three ways in
/// are anonymous and rate-limited per IP; signing out needs the session it ends.
/// </summary>
internal static class AuthApi
{
    public static void MapAuthApi(this IEndpointRouteBuilder endpoints)
    {
        var auth = endpoints.MapGroup("/api/auth").WithTags("Auth");

        var anonymous = auth.MapGroup("").AllowAnonymous().RequireRateLimiting(RateLimitPolicies.Auth);
        anonymous.MapPost("/login", async Task<Results<Ok<TokenResponse>, Ok<MfaChallenge>, ProblemHttpResult>> (
            LoginRequest body, SignInService signIn, CancellationToken cancellationToken) =>
            Answer(await signIn.PasswordAsync(body.Username, body.Password, cancellationToken)));

        anonymous.MapPost("/login/totp", async Task<Results<Ok<TokenResponse>, Ok<MfaChallenge>, ProblemHttpResult>> (
            TotpLoginRequest body, SignInService signIn, CancellationToken cancellationToken) =>
            Answer(await signIn.TotpAsync(body.MfaToken, body.Code, cancellationToken)));

        anonymous.MapPost("/refresh", async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> (
            RefreshRequest body, SessionService sessions, CancellationToken cancellationToken) =>
        {
            var (tokens, refusal) = await sessions.RefreshAsync(body.RefreshToken, cancellationToken);
            return tokens is not null ? TypedResults.Ok(tokens) : refusal!.ToProblem();
        });

        auth.MapPost("/logout", async Task<Results<NoContent, ProblemHttpResult>> (
            HttpContext context, SessionService sessions, AuditLog audit, CancellationToken cancellationToken) =>
        {
            if (context.User.SessionIdOf() is not { } sessionId)
            {
                return ApiProblem.UserRequired();
            }
            await sessions.RevokeAsync(sessionId, "logout", cancellationToken);
            await audit.RecordAsync("auth.logout", new { session_id = sessionId }, cancellationToken: cancellationToken);
            return TypedResults.NoContent();
        }).RequirePermission(Permissions.Account);

        auth.MapPost("/logout-all", async Task<Results<NoContent, ProblemHttpResult>> (
            HttpContext context, SessionService sessions, AuditLog audit, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var count = await sessions.RevokeAllAsync(userId, "logout_all", cancellationToken: cancellationToken);
            await audit.RecordAsync("auth.logout_all", new { sessions = count }, cancellationToken: cancellationToken);
            return TypedResults.NoContent();
        }).RequirePermission(Permissions.Account);
    }

    private static Results<Ok<TokenResponse>, Ok<MfaChallenge>, ProblemHttpResult> Answer(SignInOutcome outcome) =>
        outcome.Tokens is not null ? TypedResults.Ok(outcome.Tokens)
        : outcome.Challenge is not null ? TypedResults.Ok(outcome.Challenge)
        : outcome.Refusal!.ToProblem();

}

internal sealed record LoginRequest(string? Username, string? Password);

internal sealed record TotpLoginRequest(string? MfaToken, string? Code);

internal sealed record RefreshRequest(string? RefreshToken);
