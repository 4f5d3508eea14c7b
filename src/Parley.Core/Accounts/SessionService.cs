using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Core.Audit;
using Parley.Core.Security;
using Parley.Core.Storage;

namespace Parley.Core.Accounts;

/// <summary>
/// Sessions and their refresh tokens. A refresh token is used once: each refresh marks it used
/// and issues its successor in the same session; presenting a used one means it was copied, so
/// the whole session (every token of the family) is revoked.
/// </summary>
public sealed class SessionService(
    CoreDbContext db, AccessTokens tokens, AuditLog audit, TimeProvider clock, IOptionsMonitor<AuthOptions> options, IHttpContextAccessor http)
{
    public const string RefreshTokenPrefix = "rt_";

    /// <summary>Starts a session for <paramref name="user"/> and returns its first tokens.</summary>
    public async Task<TokenResponse> StartAsync(User user, CancellationToken cancellationToken = default)
    {
        var now = Now;
        var request = http.HttpContext;
        var session = new Session
        {
            UserId = user.Id,
            IpAddress = request?.Connection.RemoteIpAddress?.ToString(),
            UserAgent = Truncate(request?.Request.Headers.UserAgent.ToString(), 512),
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = now + RefreshLifetime,
        };
        db.Sessions.Add(session);
        var (refresh, row) = NewRefreshToken(session, now);
        db.RefreshTokens.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return Respond(user, session.Id, refresh);
    }

    /// <summary>Trades a refresh token for new tokens, or refuses (and revokes the family on reuse).</summary>
    public async Task<(TokenResponse? Tokens, Refusal? Refusal)> RefreshAsync(string? refreshToken, CancellationToken cancellationToken = default)
    {
        var invalid = new Refusal(401, "invalid_refresh_token", "The refresh token is unknown, expired or revoked; sign in again.");
        if (string.IsNullOrEmpty(refreshToken) || !refreshToken.StartsWith(RefreshTokenPrefix, StringComparison.Ordinal))
        {
            return (null, invalid);
        }
        var hash = SecretHashing.Sha256(refreshToken);
        var row = await db.RefreshTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (row is null)
        {
            return (null, invalid);
        }
        if (row.UsedAt is not null)
        {
            return (null, await RevokeForReuseAsync(row, cancellationToken));
        }
        var now = Now;
        var session = await db.Sessions.FirstOrDefaultAsync(s => s.Id == row.SessionId, cancellationToken);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == row.UserId, cancellationToken);
        if (row.RevokedAt is not null || row.ExpiresAt <= now
            || session is null || session.RevokedAt is not null || session.ExpiresAt <= now
            || user is null || user.SuspendedAt is not null)
        {
            return (null, invalid);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (refresh, successor) = NewRefreshToken(session, now);
        // Only one caller can mark the token used; a second one racing with it is a reuse.
        var marked = await db.RefreshTokens
            .Where(t => t.Id == row.Id && t.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now).SetProperty(t => t.ReplacedById, successor.Id), cancellationToken);
        if (marked == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return (null, await RevokeForReuseAsync(row, cancellationToken));
        }
        db.RefreshTokens.Add(successor);
        session.ExpiresAt = successor.ExpiresAt;
        session.LastSeenAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (Respond(user, session.Id, refresh), null);
    }

    /// <summary>Ends a session and every refresh token of it; its access tokens stop working at once.</summary>
    public async Task<bool> RevokeAsync(Guid sessionId, string reason, CancellationToken cancellationToken = default)
    {
        var now = Now;
        var revoked = await db.Sessions
            .Where(s => s.Id == sessionId && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now).SetProperty(x => x.RevokedReason, reason), cancellationToken);
        await db.RefreshTokens
            .Where(t => t.SessionId == sessionId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
        return revoked > 0;
    }

    /// <summary>Ends every session of <paramref name="userId"/>, except <paramref name="keep"/> when given.</summary>
    public async Task<int> RevokeAllAsync(Guid userId, string reason, Guid? keep = null, CancellationToken cancellationToken = default)
    {
        var now = Now;
        var revoked = await db.Sessions
            .Where(s => s.UserId == userId && s.RevokedAt == null && s.Id != keep)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now).SetProperty(x => x.RevokedReason, reason), cancellationToken);
        await db.RefreshTokens
            .Where(t => t.UserId == userId && t.RevokedAt == null && t.SessionId != keep)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
        return revoked;
    }

    private async Task<Refusal> RevokeForReuseAsync(RefreshToken row, CancellationToken cancellationToken)
    {
        await RevokeAsync(row.SessionId, "refresh_reused", cancellationToken);
        await audit.RecordAsync("auth.refresh_reused", new { session_id = row.SessionId }, userId: row.UserId, cancellationToken: cancellationToken);
        return new Refusal(401, "refresh_token_reused", "This refresh token was already used; the session has been ended. Sign in again.");
    }

    private (string Token, RefreshToken Row) NewRefreshToken(Session session, DateTime now)
    {
        var token = RefreshTokenPrefix + SecretHashing.NewBase64UrlSecret();
        var row = new RefreshToken
        {
            UserId = session.UserId,
            SessionId = session.Id,
            TokenHash = SecretHashing.Sha256(token),
            DeviceName = session.DeviceName,
            IpAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
            CreatedAt = now,
            ExpiresAt = now + RefreshLifetime,
        };
        return (token, row);
    }

    private TokenResponse Respond(User user, Guid sessionId, string refresh) => new(
        tokens.IssueAccessToken(user, sessionId), refresh, "Bearer", (int)tokens.AccessTokenLifetime.TotalSeconds, UserView.From(user));

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private TimeSpan RefreshLifetime => TimeSpan.FromDays(options.CurrentValue.RefreshTokenDays);

    private static string? Truncate(string? value, int length) =>
        string.IsNullOrEmpty(value) ? null : value.Length <= length ? value : value[..length];
}
