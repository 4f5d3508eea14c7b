using Microsoft.EntityFrameworkCore;
using Parley.Core.Security;
using Parley.Modmail.Desks;
using Parley.Modmail.Staff;
using Parley.Modmail.Storage;

namespace Parley.Modmail.Tickets;

/// <summary>
/// <c>move_thread</c>: puts an open ticket in another of its desk's categories, found by name (case-insensitive), and
/// copies the category's <c>required_permissions</c> onto the ticket — then the ticket channel's members follow
/// (staff without those permissions lose sight of it, unless added with <c>add_staff</c>).
/// </summary>
internal sealed class TicketMoves(ModmailDbContext db, StaffTicketAccess access, ChannelUpdates channels, TimeProvider clock)
{
    public async Task<(TicketCategory? Category, Refusal? Refusal)> MoveAsync(
        Guid ticketId, StaffActor staff, string categoryName, CancellationToken cancellationToken)
    {
        var name = categoryName.Trim();
        if (name.Length == 0)
        {
            return (null, Refusal.Invalid("category", "name a category"));
        }
        var (ticket, _, refusal) = await access.LoadAsync(ticketId, staff, mustBeOpen: true, cancellationToken);
        if (ticket is null)
        {
            return (null, refusal);
        }
        // Few categories per desk: compared in memory, so "Billing" and "billing" match on both providers alike.
        var categories = await db.Categories.AsNoTracking().Where(c => c.DeskId == ticket.DeskId && c.Enabled).ToListAsync(cancellationToken);
        var category = categories.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
        if (category is null)
        {
            var known = categories.Count == 0 ? "this desk has none" : "known: " + string.Join(", ", categories.OrderBy(c => c.Position).Select(c => c.Name));
            return (null, Refusal.NotFound("category_not_found", $"No category named \"{name}\" ({known})."));
        }
        if (ticket.CategoryId == category.Id.ToString())
        {
            return (null, Refusal.Conflict("already_in_category", $"The ticket is already in {category.Name}."));
        }
        ticket.CategoryId = category.Id.ToString();
        ticket.CategoryName = category.Name;
        ticket.RequiredPermissions = category.RequiredPermissions;
        ticket.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await channels.SyncMembersAsync(ticket, cancellationToken);
        return (category, null);
    }
}
