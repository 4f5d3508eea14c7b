using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Chat.Bots;
using Parley.Chat.Communities;
using Parley.Modmail.Desks;
using Parley.Modmail.Panel;
using Parley.Modmail.Storage;
using Parley.Modmail.Tickets;

namespace Parley.Modmail.Staff;

/// <summary>
/// Who the staff of a ticket are: members of the desk's staff community with at least the desk's staff role who hold
/// every permission the ticket's category requires (<see cref="PanelAccess"/>), plus those given the ticket with
/// <c>add_staff</c> (<c>thread_staff</c>) and super admins — always people in the staff community, since only they
/// can be in its channels. The ticket channel's members are exactly these (and the bot).
/// </summary>
internal sealed class TicketAudience(
    ModmailDbContext db, CommunityDirectory communities, PanelAccess access, ChatBots bots, IOptionsMonitor<ModmailOptions> options)
{
    public async Task<IReadOnlyList<Guid>> StaffAsync(SupportDesk desk, Ticket ticket, CancellationToken cancellationToken)
    {
        var staff = new HashSet<Guid>();
        var required = RequiredPermissions(ticket);
        foreach (var member in await communities.MembersAtLeastAsync(desk.StaffCommunityId, desk.StaffRole, cancellationToken))
        {
            if (await HoldsAllAsync(desk, member.UserId, required, cancellationToken))
            {
                staff.Add(member.UserId);
            }
        }
        var added = await db.TicketStaff.AsNoTracking().Where(s => s.ThreadId == ticket.Id).Select(s => s.UserId).ToListAsync(cancellationToken);
        foreach (var id in added.Select(ParseId).OfType<Guid>())
        {
            if (await communities.MembershipAsync(desk.StaffCommunityId, id, cancellationToken) is not null)
            {
                staff.Add(id);
            }
        }
        foreach (var admin in options.CurrentValue.SuperAdmins)
        {
            if (await bots.FindUserAsync(admin, cancellationToken) is { } id
                && await communities.MembershipAsync(desk.StaffCommunityId, id, cancellationToken) is not null)
            {
                staff.Add(id);
            }
        }
        staff.Remove(desk.BotUserId);
        return [.. staff];
    }

    /// <summary>Whether <paramref name="userId"/> is staff of this ticket (may read it, reply, close it).</summary>
    public async Task<bool> MaySeeAsync(SupportDesk desk, Ticket ticket, Guid userId, CancellationToken cancellationToken)
    {
        var membership = await communities.MembershipAsync(desk.StaffCommunityId, userId, cancellationToken);
        if (membership is null)
        {
            return false;
        }
        if (await access.IsSuperAdminAsync(userId, cancellationToken))
        {
            return true;
        }
        var user = userId.ToString();
        if (await db.TicketStaff.AnyAsync(s => s.ThreadId == ticket.Id && s.UserId == user, cancellationToken))
        {
            return true;
        }
        return CommunityDirectory.RoleAtLeast(membership.Role, desk.StaffRole)
            && await HoldsAllAsync(desk, userId, RequiredPermissions(ticket), cancellationToken);
    }

    /// <summary>
    /// The staff member as a named reply signs: their nickname or name, and their role in the staff community
    /// ("Moderator"); null when they are not staff of the desk at all.
    /// </summary>
    public async Task<StaffActor?> ActorAsync(SupportDesk desk, Guid userId, CancellationToken cancellationToken)
    {
        var membership = await communities.MembershipAsync(desk.StaffCommunityId, userId, cancellationToken);
        if (membership is null)
        {
            return null;
        }
        var user = userId.ToString();
        var isStaff = CommunityDirectory.RoleAtLeast(membership.Role, desk.StaffRole)
            || await access.IsSuperAdminAsync(userId, cancellationToken)
            || await db.TicketStaff.AnyAsync(s => s.UserId == user, cancellationToken);
        if (!isStaff)
        {
            return null;
        }
        var name = membership.Nickname ?? await bots.NameOfAsync(userId, cancellationToken) ?? userId.ToString();
        return new StaffActor(userId, name, CultureInfo.InvariantCulture.TextInfo.ToTitleCase(membership.Role));
    }

    private async Task<bool> HoldsAllAsync(SupportDesk desk, Guid userId, IReadOnlyList<string> required, CancellationToken cancellationToken)
    {
        foreach (var permission in required)
        {
            if (!await access.HoldsAsync(desk, userId, permission, cancellationToken))
            {
                return false;
            }
        }
        return true;
    }

    private static IReadOnlyList<string> RequiredPermissions(Ticket ticket)
    {
        if (string.IsNullOrWhiteSpace(ticket.RequiredPermissions))
        {
            return [];
        }
        try
        {
            return JsonSerializer.Deserialize<List<string>>(ticket.RequiredPermissions)?.Where(p => !string.IsNullOrWhiteSpace(p)).ToList() ?? [];
        }
        catch (JsonException)
        {
            // A malformed list must not open the ticket to everyone: nobody but added staff and super admins holds it.
            return ["\u0000malformed"];
        }
    }

    private static Guid? ParseId(string text) => Guid.TryParse(text, out var id) ? id : null;
}
