using Microsoft.EntityFrameworkCore;
using Parley.Modmail.Storage;
using Parley.Modmail.Tickets;

namespace Parley.Modmail.Staff;

/// <summary>
/// After a permission is granted or revoked (<c>panel_permissions</c>, server-wide rows): the open tickets whose
/// <c>required_permissions</c> name it get their channel's members re-synced, so the channel keeps following
/// <see cref="TicketAudience"/> as the panel and the commands already do.
/// </summary>
internal sealed class GrantedChannels(ModmailDbContext db, ChannelUpdates channels)
{
    public async Task FollowAsync(string permission, CancellationToken cancellationToken)
    {
        // Stored as a JSON array of names: the quoted name is in it.
        var quoted = "\"" + permission + "\"";
        var tickets = await db.Tickets.AsNoTracking()
            .Where(t => t.Status == TicketStatus.Open && t.ChannelId != null && t.RequiredPermissions != null && t.RequiredPermissions.Contains(quoted))
            .ToListAsync(cancellationToken);
        foreach (var ticket in tickets)
        {
            await channels.SyncMembersAsync(ticket, cancellationToken);
        }
    }
}
