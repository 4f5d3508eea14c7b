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
/// Who may see and act on a ticket — the one rule behind the ticket channel's members, every staff command on a ticket
/// (<see cref="StaffTicketAccess"/>, <see cref="StaffReplies"/>, <see cref="Closing.TicketClosing"/>) and the panel's
/// ticket endpoints and lists (<see cref="TicketVisibility"/>): desk staff (<see cref="StaffRoster"/>) who hold every
/// permission in the ticket's <c>required_permissions</c> (<see cref="PanelAccess"/>, user or role grants), plus
/// those given the ticket with <c>add_staff</c> (<c>thread_staff</c>) while they are in the staff community, plus super
/// admins. The channel's members are these people who are in the staff community (only they can be in its channels).
/// </summary>
internal sealed class TicketAudience(
    ModmailDbContext db, CommunityDirectory communities, StaffRoster roster, PanelAccess access, ChatBots bots, IOptionsMonitor<ModmailOptions> options)
{
    /// <summary>The people the ticket channel holds (the bot aside).</summary>
    public async Task<IReadOnlyList<Guid>> StaffAsync(SupportDesk desk, Ticket ticket, CancellationToken cancellationToken)
    {
        var staff = new HashSet<Guid>();
        foreach (var member in await roster.MembersWithStaffRoleAsync(desk, cancellationToken))
        {
            if (Satisfied(ticket.RequiredPermissions, await access.PermissionsAsync(desk, member.UserId, cancellationToken)))
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

    /// <summary>Whether <paramref name="userId"/> may see this ticket and act on it (read, reply, close, take, …).</summary>
    public async Task<bool> MaySeeAsync(SupportDesk desk, Ticket ticket, Guid userId, CancellationToken cancellationToken)
    {
        if (await access.IsSuperAdminAsync(userId, cancellationToken))
        {
            return true;
        }
        var membership = await communities.MembershipAsync(desk.StaffCommunityId, userId, cancellationToken);
        if (membership is null)
        {
            return false;
        }
        var user = userId.ToString("D");
        if (await db.TicketStaff.AnyAsync(s => s.ThreadId == ticket.Id && s.UserId == user, cancellationToken))
        {
            return true;
        }
        return StaffRoster.HasStaffRole(desk, membership)
            && Satisfied(ticket.RequiredPermissions, await access.PermissionsAsync(desk, userId, cancellationToken));
    }

    /// <summary>The desk's tickets <paramref name="userId"/> may see (<see cref="MaySeeAsync"/> as one query), untracked.</summary>
    public async Task<IQueryable<Ticket>> VisibleAsync(SupportDesk desk, Guid userId, CancellationToken cancellationToken)
    {
        var deskId = desk.Id;
        var tickets = db.Tickets.AsNoTracking().Where(t => t.DeskId == deskId);
        if (await access.IsSuperAdminAsync(userId, cancellationToken))
        {
            return tickets;
        }
        var membership = await communities.MembershipAsync(desk.StaffCommunityId, userId, cancellationToken);
        if (membership is null)
        {
            return tickets.Where(t => false);
        }
        var user = userId.ToString("D");
        if (!StaffRoster.HasStaffRole(desk, membership))
        {
            return tickets.Where(t => db.TicketStaff.Any(s => s.ThreadId == t.Id && s.UserId == user));
        }
        // The distinct requirements are few (they come from categories): decided in memory, the rest is one query.
        var held = await access.PermissionsAsync(desk, userId, cancellationToken);
        var requirements = await tickets.Where(t => t.RequiredPermissions != null).Select(t => t.RequiredPermissions!).Distinct().ToListAsync(cancellationToken);
        var met = requirements.Where(r => Satisfied(r, held)).ToList();
        return tickets.Where(t => t.RequiredPermissions == null || met.Contains(t.RequiredPermissions)
            || db.TicketStaff.Any(s => s.ThreadId == t.Id && s.UserId == user));
    }

    /// <summary>
    /// The staff member as a named reply signs: their nickname or name, and their role in the staff community
    /// ("Moderator"); null when they are neither staff of the desk nor given a ticket with <c>add_staff</c>.
    /// Whether they may act on a particular ticket is <see cref="MaySeeAsync"/>.
    /// </summary>
    public async Task<StaffActor?> ActorAsync(SupportDesk desk, Guid userId, CancellationToken cancellationToken)
    {
        var membership = await communities.MembershipAsync(desk.StaffCommunityId, userId, cancellationToken);
        if (membership is null)
        {
            return null;
        }
        var user = userId.ToString("D");
        if (!await roster.IsStaffAsync(desk, userId, cancellationToken) && !await db.TicketStaff.AnyAsync(s => s.UserId == user, cancellationToken))
        {
            return null;
        }
        var name = membership.Nickname ?? await bots.NameOfAsync(userId, cancellationToken) ?? userId.ToString();
        return new StaffActor(userId, name, CultureInfo.InvariantCulture.TextInfo.ToTitleCase(membership.Role));
    }

    /// <summary>
    /// Whether someone holding <paramref name="held"/> meets a ticket's stored requirement ("*": a super admin's).
    /// A malformed list must not open the ticket to everyone: nobody meets it (added staff and super admins still see it).
    /// </summary>
    public static bool Satisfied(string? required, IReadOnlySet<string> held)
    {
        if (string.IsNullOrWhiteSpace(required))
        {
            return true;
        }
        if (held.Contains("*"))
        {
            return true;
        }
        try
        {
            var names = JsonSerializer.Deserialize<List<string>>(required) ?? [];
            return names.Where(p => !string.IsNullOrWhiteSpace(p)).All(held.Contains);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static Guid? ParseId(string text) => Guid.TryParse(text, out var id) ? id : null;
}
