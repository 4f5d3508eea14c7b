using Microsoft.EntityFrameworkCore;

namespace Parley.Modmail.Desks;

/// <summary>
/// Parley's <c>ticket_categories</c>: what a ticket is about (Rustmail's ticket categories). A member may choose one
/// when writing; staff move tickets between them (<c>move_thread</c>). A category's <see cref="RequiredPermissions"/>
/// limit which staff see its tickets.
/// </summary>
internal sealed class TicketCategory
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid DeskId { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public string? Emoji { get; set; }

    /// <summary>A JSON array of permission names a staff member needs (granted in <c>panel_permissions</c>); null or empty: every staff member.</summary>
    public string? RequiredPermissions { get; set; }

    public int Position { get; set; }
    public bool Enabled { get; set; } = true;
    public DateTime CreatedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var c = modelBuilder.Entity<TicketCategory>();
        c.ToTable("ticket_categories");
        c.HasKey(x => x.Id);
        c.Property(x => x.Name).HasMaxLength(64);
        c.Property(x => x.Emoji).HasMaxLength(64);
        c.HasOne<SupportDesk>().WithMany().HasForeignKey(x => x.DeskId).OnDelete(DeleteBehavior.Cascade);
        c.HasIndex(x => new { x.DeskId, x.Name }).IsUnique();
    }
}
