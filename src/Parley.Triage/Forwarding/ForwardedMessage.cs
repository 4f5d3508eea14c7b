using Microsoft.EntityFrameworkCore;

namespace Parley.Triage.Forwarding;

/// <summary>
/// A forward already sent (<c>forwarded_messages</c>, Parley's own table): written the moment the send returns, before
/// any other action can fail, so a dead-letter retry or a re-handed email does not send the same forward twice. Unique
/// per (account, message id, address). Kept as long as <c>processed_messages</c> (<c>state.processed_ttl</c>).
/// </summary>
internal sealed class ForwardedMessage
{
    public long Id { get; set; }
    public required string AccountName { get; set; }
    public required string MessageId { get; set; }
    public required string ForwardTo { get; set; }

    /// <summary>Unix seconds, as the seed's other tables.</summary>
    public long ForwardedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var b = modelBuilder.Entity<ForwardedMessage>();
        b.ToTable("forwarded_messages");
        b.HasKey(x => x.Id);
        b.Property(x => x.AccountName).HasMaxLength(128);
        b.Property(x => x.MessageId).HasMaxLength(998);
        b.Property(x => x.ForwardTo).HasMaxLength(320);
        b.HasIndex(x => new { x.AccountName, x.MessageId, x.ForwardTo }).IsUnique();
        b.HasIndex(x => x.ForwardedAt);
    }
}
