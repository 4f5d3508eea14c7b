using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Core.Audit;
using Parley.Core.Http;
using Parley.Core.Security;
using Parley.Core.Storage;

namespace Parley.Core.Accounts;

/// <summary><c>/api/account</c>: the signed-in user's own account, password, sessions and TOTP.</summary>
internal static class AccountApi
{
    public static void MapAccountApi(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/api/account").WithTags("Account").RequirePermission(Permissions.Account);

        account.MapGet("", async Task<Results<Ok<UserView>, ProblemHttpResult>> (HttpContext context, CoreDbContext db, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
            return user is null ? ApiProblem.NotFound("user_not_found", "No such user.") : TypedResults.Ok(UserView.From(user));
        });

        account.MapPost("/password", async Task<Results<NoContent, ProblemHttpResult>> (
            ChangePasswordRequest body, HttpContext context, AccountService accounts, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var refusal = await accounts.ChangePasswordAsync(userId, body.CurrentPassword, body.NewPassword, context.User.SessionIdOf(), cancellationToken);
            return refusal is null ? TypedResults.NoContent() : refusal.ToProblem();
        });

        account.MapGet("/sessions", async Task<Results<Ok<List<SessionView>>, ProblemHttpResult>> (
            HttpContext context, CoreDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var current = context.User.SessionIdOf();
            var now = clock.GetUtcNow().UtcDateTime;
            var sessions = await db.Sessions.AsNoTracking()
                .Where(s => s.UserId == userId && s.RevokedAt == null && s.ExpiresAt > now)
                .OrderByDescending(s => s.LastSeenAt)
                .ToListAsync(cancellationToken);
            return TypedResults.Ok(sessions.Select(s => new SessionView(
                s.Id, s.DeviceName, s.IpAddress, s.UserAgent, s.CreatedAt, s.LastSeenAt, s.Id == current)).ToList());
        });

        account.MapDelete("/sessions/{id:guid}", async Task<Results<NoContent, ProblemHttpResult>> (
            Guid id, HttpContext context, CoreDbContext db, SessionService sessions, AuditLog audit, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            if (!await db.Sessions.AnyAsync(s => s.Id == id && s.UserId == userId && s.RevokedAt == null, cancellationToken))
            {
                return ApiProblem.NotFound("session_not_found", "No such active session on this account.");
            }
            await sessions.RevokeAsync(id, "revoked", cancellationToken);
            await audit.RecordAsync("session.revoked", new { session_id = id }, cancellationToken: cancellationToken);
            return TypedResults.NoContent();
        });

        var totp = account.MapGroup("/totp");
        totp.MapPost("/setup", async Task<Results<Ok<TotpSetup>, ProblemHttpResult>> (
            HttpContext context, TotpService service, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var (setup, refusal) = await service.SetupAsync(userId, cancellationToken);
            return setup is not null ? TypedResults.Ok(setup) : refusal!.ToProblem();
        });

        totp.MapPost("/enable", async Task<Results<Ok<BackupCodesResponse>, ProblemHttpResult>> (
            EnableTotpRequest body, HttpContext context, TotpService service, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var (codes, refusal) = await service.EnableAsync(userId, body.Code, cancellationToken);
            return codes is not null ? TypedResults.Ok(new BackupCodesResponse(codes)) : refusal!.ToProblem();
        });

        totp.MapPost("/disable", async Task<Results<NoContent, ProblemHttpResult>> (
            DisableTotpRequest body, HttpContext context, TotpService service, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var refusal = await service.DisableAsync(userId, body.Password, cancellationToken);
            return refusal is null ? TypedResults.NoContent() : refusal.ToProblem();
        });
    }
}

internal sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

internal sealed record EnableTotpRequest(string? Code);

internal sealed record DisableTotpRequest(string? Password);

internal sealed record BackupCodesResponse(IReadOnlyList<string> BackupCodes);

internal sealed record SessionView(Guid Id, string? DeviceName, string? IpAddress, string? UserAgent, DateTime CreatedAt, DateTime LastSeenAt, bool Current);
