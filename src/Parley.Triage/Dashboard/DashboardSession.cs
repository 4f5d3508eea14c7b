using Microsoft.EntityFrameworkCore;

namespace Parley.Triage.Dashboard;

/// <summary>
/// A signed-in dashboard session (<c>dashboard_sessions</c>). <see cref="Id"/> holds the SHA-256 (hex) of the session
/// token, never the token itself: the token is shown once, to the browser. Removed with its user (ON DELETE CASCADE)
/// and by the retention job once expired.
/// </summary>
internal sealed class DashboardSession
{
    /// <summary>Lower-case hex SHA-256 of the session token.</summary>
    public required string Id { get; set; }
    public long UserId { get; set; }

    /// <summary>Unix seconds.</summary>
    public long CreatedAt { get; set; }

    /// <summary>Unix seconds; <c>dashboard.session_ttl</c> after creation.</summary>
    public long ExpiresAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var b = modelBuilder.Entity<DashboardSession>();
        b.ToTable("dashboard_sessions");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).HasMaxLength(64);
        b.HasOne<DashboardUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.ExpiresAt).HasDatabaseName("idx_dashboard_sessions_expires");
        b.HasIndex(x => x.UserId).HasDatabaseName("idx_dashboard_sessions_user");
    }
}
