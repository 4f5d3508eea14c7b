using Microsoft.EntityFrameworkCore;

namespace Parley.Chat.Files;

/// <summary>An uploaded file (<c>files</c>); the bytes live in the blob store under <see cref="StoragePath"/>.</summary>
public sealed class ChatFile
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UploaderId { get; set; }

    /// <summary>The file name, sealed by the client like message content.</summary>
    public required string EncryptedName { get; set; }
    public long SizeBytes { get; set; }
    public string? ContentType { get; set; }
    public required string StoragePath { get; set; }

    /// <summary>SHA-256 hex of the stored bytes, checked against <c>blocked_hashes</c>.</summary>
    public required string Checksum { get; set; }

    public Guid? ChannelId { get; set; }

    public DateTime? QuarantinedAt { get; set; }
    public Guid? QuarantinedBy { get; set; }
    public DateTime CreatedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var file = modelBuilder.Entity<ChatFile>();
        file.ToTable("files", t => t.HasCheckConstraint("ck_files_size_bytes", "size_bytes >= 0"));
        file.HasOne<Channels.Channel>().WithMany().HasForeignKey(x => x.ChannelId).OnDelete(DeleteBehavior.SetNull);
        file.HasKey(f => f.Id);
        file.Property(f => f.EncryptedName).HasMaxLength(512);
        file.Property(f => f.ContentType).HasMaxLength(128);
        file.Property(f => f.Checksum).HasMaxLength(128);
        file.HasIndex(f => f.UploaderId);
        file.HasIndex(f => f.ChannelId);
        file.HasIndex(f => f.Checksum);
    }
}
