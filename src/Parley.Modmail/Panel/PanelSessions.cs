using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Parley.Core.Accounts;
using Parley.Core.Security;
using Parley.Core.Storage;
using Parley.Modmail.Storage;

namespace Parley.Modmail.Panel;

/// <summary>A panel session as super admins see it; <see cref="SessionId"/> is the hash, never the Core session id.</summary>
internal sealed record PanelSessionView(string SessionId, string UserId, string? Username, long ExpiresAt);

/// <summary>
/// <c>sessions_panel</c>: which Core sign-in sessions have used the panel. A row is written on a session's first panel
/// request (keyed by the SHA-256 hex of the access token's <c>sid</c>, expiring with the Core session); revoking one
/// ends that Core session (found among the user's sessions by the hash) and removes the row.
/// </summary>
internal sealed class PanelSessions(ModmailDbContext db, CoreDbContext core, SessionService coreSessions, TimeProvider clock)
{
    public async Task RecordAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (user.SessionIdOf() is not { } sessionId || user.UserId() is not { } userId)
        {
            return;
        }
        var hash = SecretHashing.Sha256Hex(sessionId.ToString("D"));
        if (await db.PanelSessions.AnyAsync(s => s.SessionId == hash, cancellationToken))
        {
            return;
        }
        var expires = await core.Sessions.Where(s => s.Id == sessionId).Select(s => (DateTime?)s.ExpiresAt).FirstOrDefaultAsync(cancellationToken);
        if (expires is null)
        {
            return;
        }
        db.PanelSessions.Add(new PanelSession
        {
            SessionId = hash,
            UserId = userId.ToString("D"),
            ExpiresAt = new DateTimeOffset(expires.Value).ToUnixTimeSeconds(),
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two first requests of one session at once: the other one recorded it.
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Sessions that have not expired, newest expiry first.</summary>
    public async Task<IReadOnlyList<PanelSessionView>> ListAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var rows = await db.PanelSessions.AsNoTracking().Where(s => s.ExpiresAt > now).OrderByDescending(s => s.ExpiresAt).Take(1000).ToListAsync(cancellationToken);
        var ids = rows.Select(r => Guid.TryParse(r.UserId, out var id) ? id : Guid.Empty).Distinct().ToList();
        var names = await core.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id.ToString("D"), u => u.Username, cancellationToken);
        return rows.Select(r => new PanelSessionView(r.SessionId, r.UserId, names.GetValueOrDefault(r.UserId), r.ExpiresAt)).ToList();
    }

    /// <summary>Ends the Core session behind the row and removes the row; false when there is no such row.</summary>
    public async Task<bool> RevokeAsync(string sessionHash, CancellationToken cancellationToken)
    {
        var row = await db.PanelSessions.FirstOrDefaultAsync(s => s.SessionId == sessionHash, cancellationToken);
        if (row is null)
        {
            return false;
        }
        if (Guid.TryParse(row.UserId, out var userId))
        {
            var candidates = await core.Sessions.AsNoTracking().Where(s => s.UserId == userId && s.RevokedAt == null).Select(s => s.Id).ToListAsync(cancellationToken);
            foreach (var id in candidates.Where(id => SecretHashing.HexEquals(SecretHashing.Sha256Hex(id.ToString("D")), row.SessionId)))
            {
                await coreSessions.RevokeAsync(id, "modmail_panel_revoked", cancellationToken);
            }
        }
        db.PanelSessions.Remove(row);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
