using Microsoft.EntityFrameworkCore;

namespace Parley.Triage.Dashboard;

/// <summary>A dashboard admin account (<c>dashboard_users</c>): a unique username and a bcrypt password hash, as the seed says.</summary>
internal sealed class DashboardUser
{
    public long Id { get; set; }
    public required string Username { get; set; }

    /// <summary>bcrypt (<c>$2a$…</c>/<c>$2b$…</c>), so hashes carried over from Mailpilot still verify.</summary>
    public required string PasswordHash { get; set; }

    /// <summary>Unix seconds.</summary>
    public long CreatedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var b = modelBuilder.Entity<DashboardUser>();
        b.ToTable("dashboard_users");
        b.HasKey(x => x.Id);
        b.Property(x => x.Username).HasMaxLength(128);
        b.Property(x => x.PasswordHash).HasMaxLength(128);
        b.HasIndex(x => x.Username).IsUnique();
    }
}
