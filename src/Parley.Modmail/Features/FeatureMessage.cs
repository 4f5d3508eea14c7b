using Microsoft.EntityFrameworkCore;

namespace Parley.Modmail.Features;

/// <summary>
/// Rustmail's feature-request tracking (<c>features_messages</c>): a message proposing a feature and its text. Kept for
/// the schema contract and the importer; Parley's panel lists them.
/// </summary>
internal sealed class FeatureMessage
{
    public long Id { get; set; }
    public required string MessageId { get; set; }
    public required string Content { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var f = modelBuilder.Entity<FeatureMessage>();
        f.ToTable("features_messages");
        f.HasKey(x => x.Id);
        f.Property(x => x.MessageId).HasMaxLength(64);
    }
}
