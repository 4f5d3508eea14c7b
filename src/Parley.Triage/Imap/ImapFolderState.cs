using Microsoft.EntityFrameworkCore;

namespace Parley.Triage.Imap;

/// <summary>
/// Where a watcher stands in one folder of one account (<c>imap_folder_states</c>, Parley's own table, not in
/// Mailpilot's seed): the folder's UIDVALIDITY and the highest UID handed over. After a restart or reconnect the
/// watcher hands exactly the UIDs above <see cref="LastUid"/>; a changed UIDVALIDITY means the UIDs mean nothing any
/// more and the folder is scanned again (processed_messages keeps that from acting twice).
/// </summary>
public sealed class ImapFolderState
{
    public long Id { get; set; }
    public required string AccountName { get; set; }
    public required string Folder { get; set; }

    /// <summary>UIDVALIDITY (a 32-bit unsigned number, kept as long for both providers).</summary>
    public long UidValidity { get; set; }

    /// <summary>The highest UID handed over (0: none yet).</summary>
    public long LastUid { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var s = modelBuilder.Entity<ImapFolderState>();
        s.ToTable("imap_folder_states");
        s.HasKey(x => x.Id);
        s.Property(x => x.AccountName).HasMaxLength(200);
        s.Property(x => x.Folder).HasMaxLength(1000);
        s.HasIndex(x => new { x.AccountName, x.Folder }).IsUnique();
    }
}
