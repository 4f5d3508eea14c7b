using Microsoft.EntityFrameworkCore;
using Parley.Core.Security;
using Parley.Modmail.Desks;
using Parley.Modmail.Staff;
using Parley.Modmail.Storage;

namespace Parley.Modmail.Blocks;

/// <summary>
/// <c>block</c> / <c>unblock</c> and the one answer to "is this member blocked?" (<c>blocked_users</c>, keyed by the
/// member's transport id: a Chat user id, a lower-case email address). A block may end by itself
/// (<c>expires_at</c>); an expired block no longer counts (its row stays until the next block replaces it). The engine asks <see cref="IsBlockedAsync"/> for every member message.
/// </summary>
internal sealed class BlockList(ModmailDbContext db, StaffRoster roster, TimeProvider clock)
{
    public Task<bool> IsBlockedAsync(string memberId, DateTime now, CancellationToken cancellationToken = default)
    {
        var id = Normalize(memberId);
        return db.BlockedUsers.AnyAsync(b => b.UserId == id && (b.ExpiresAt == null || b.ExpiresAt > now), cancellationToken);
    }

    /// <summary>Blocks the member (again: the new block replaces the old one's expiry); <paramref name="duration"/> null: until unblocked.</summary>
    public async Task<(BlockedUser? Block, Refusal? Refusal)> BlockAsync(
        SupportDesk desk, StaffActor staff, string memberId, string memberName, TimeSpan? duration, CancellationToken cancellationToken)
    {
        if (!await roster.IsStaffAsync(desk, staff.UserId, cancellationToken))
        {
            return (null, Refusal.Forbidden("not_staff", "Only the desk's staff can do that."));
        }
        if (duration is { } d && (d <= TimeSpan.Zero || d > Commands.Durations.Longest))
        {
            return (null, Refusal.Invalid("duration", "must be between 1 second and a year"));
        }
        var id = Normalize(memberId);
        if (id.Length == 0 || id == staff.UserId.ToString() || id == desk.BotUserId.ToString())
        {
            return (null, Refusal.Invalid("user", "cannot block that user"));
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var block = await db.BlockedUsers.FirstOrDefaultAsync(b => b.UserId == id, cancellationToken);
        if (block is null)
        {
            block = new BlockedUser { UserId = id, UserName = memberName, BlockedBy = staff.UserId.ToString() };
            db.BlockedUsers.Add(block);
        }
        block.UserName = memberName.Length > 256 ? memberName[..256] : memberName;
        block.BlockedBy = staff.UserId.ToString();
        block.BlockedAt = now;
        block.ExpiresAt = duration is { } length ? now + length : null;
        await db.SaveChangesAsync(cancellationToken);
        return (block, null);
    }

    public async Task<Refusal?> UnblockAsync(SupportDesk desk, StaffActor staff, string memberId, CancellationToken cancellationToken)
    {
        if (!await roster.IsStaffAsync(desk, staff.UserId, cancellationToken))
        {
            return Refusal.Forbidden("not_staff", "Only the desk's staff can do that.");
        }
        var id = Normalize(memberId);
        var block = await db.BlockedUsers.FirstOrDefaultAsync(b => b.UserId == id, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (block is null || block.ExpiresAt <= now)
        {
            return Refusal.NotFound("not_blocked", "That member is not blocked.");
        }
        db.BlockedUsers.Remove(block);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>Blocks in force now, newest first (the panel's list).</summary>
    public Task<List<BlockedUser>> ActiveAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.BlockedUsers.AsNoTracking().Where(b => b.ExpiresAt == null || b.ExpiresAt > now)
            .OrderByDescending(b => b.BlockedAt).ToListAsync(cancellationToken);
    }

    // Email addresses are stored lower-case; Chat ids are GUIDs, lower-case as written by Guid.ToString().
    private static string Normalize(string memberId) => memberId.Trim().ToLowerInvariant();
}
