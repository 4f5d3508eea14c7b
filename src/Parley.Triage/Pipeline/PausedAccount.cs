using Microsoft.EntityFrameworkCore;

namespace Parley.Triage.Pipeline;

/// <summary>
/// An account an operator paused (<c>paused_accounts</c>, Parley's own table): a row while paused, none once resumed,
/// so a restart (or a configuration reload) starts it paused. A row for a name no longer configured is inert, and
/// applies again if an account of that name comes back.
/// </summary>
internal sealed class PausedAccount
{
    public required string AccountName { get; set; }

    /// <summary>Unix seconds.</summary>
    public long PausedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var b = modelBuilder.Entity<PausedAccount>();
        b.ToTable("paused_accounts");
        b.HasKey(x => x.AccountName);
        b.Property(x => x.AccountName).HasMaxLength(128);
    }
}
