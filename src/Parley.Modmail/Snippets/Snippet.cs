using Microsoft.EntityFrameworkCore;

namespace Parley.Modmail.Snippets;

/// <summary>A saved reply (<c>snippets</c>), sent with <c>snippet &lt;key&gt;</c> or from the panel's reply box.</summary>
internal sealed class Snippet
{
    public long Id { get; set; }

    /// <summary>Unique, lower-case: letters, digits, <c>-</c> and <c>_</c>.</summary>
    public required string Key { get; set; }
    public required string Content { get; set; }

    /// <summary>The creator's Chat user id.</summary>
    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var s = modelBuilder.Entity<Snippet>();
        s.ToTable("snippets");
        s.HasKey(x => x.Id);
        s.Property(x => x.Key).HasMaxLength(64);
        s.Property(x => x.CreatedBy).HasMaxLength(64);
        s.HasIndex(x => x.Key).IsUnique().HasDatabaseName("idx_snippets_key");
    }
}
