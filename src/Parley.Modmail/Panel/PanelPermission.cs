using Microsoft.EntityFrameworkCore;

namespace Parley.Modmail.Panel;

/// <summary>
/// A panel permission granted to a user or a community role (<c>panel_permissions</c>). Super admins
/// (<c>Modmail:SuperAdmins</c>) hold every permission without a row.
/// </summary>
internal sealed class PanelPermission
{
    public long Id { get; set; }

    /// <summary><c>user</c> or <c>role</c>.</summary>
    public required string SubjectType { get; set; }

    /// <summary>A Parley user id, or a community role name (<c>moderator</c>, <c>admin</c>, <c>owner</c>).</summary>
    public required string SubjectId { get; set; }

    /// <summary><see cref="PanelPermissions"/>, or a category's custom permission name.</summary>
    public required string Permission { get; set; }
    public required string GrantedBy { get; set; }

    /// <summary>Unix seconds.</summary>
    public long GrantedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var p = modelBuilder.Entity<PanelPermission>();
        p.ToTable("panel_permissions");
        p.HasKey(x => x.Id);
        p.Property(x => x.SubjectType).HasMaxLength(8);
        p.Property(x => x.SubjectId).HasMaxLength(64);
        p.Property(x => x.Permission).HasMaxLength(64);
        p.Property(x => x.GrantedBy).HasMaxLength(64);
        p.HasIndex(x => new { x.SubjectType, x.SubjectId }).HasDatabaseName("idx_panel_perms_subject");
        p.HasIndex(x => x.Permission).HasDatabaseName("idx_panel_perms_permission");
        p.HasIndex(x => new { x.SubjectType, x.SubjectId, x.Permission }).IsUnique();
    }
}

/// <summary>The panel's permissions (Rustmail's panel permissions).</summary>
internal static class PanelPermissions
{
    public const string ViewTickets = "view_tickets";
    public const string ManageTickets = "manage_tickets";
    public const string ViewConfig = "view_config";
    public const string EditConfig = "edit_config";
    public const string ManageApiKeys = "manage_api_keys";

    public static readonly IReadOnlyList<string> All = [ViewTickets, ManageTickets, ViewConfig, EditConfig, ManageApiKeys];
}
