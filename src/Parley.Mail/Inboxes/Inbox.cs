using Microsoft.EntityFrameworkCore;
using Parley.Mail.Domains;

namespace Parley.Mail.Inboxes;

/// <summary>
/// An address Parley receives mail at (<c>inboxes</c>): <c>local_part@domain</c>, or, when
/// <see cref="IsCatchall"/>, every local part of the domain that no other inbox takes.
/// </summary>
internal sealed class Inbox
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid DomainId { get; set; }

    /// <summary>Display name, used as the From name of mail sent from the inbox.</summary>
    public required string Name { get; set; }

    /// <summary>Lower-case local part; for a catch-all inbox, the local part it sends from.</summary>
    public required string LocalPart { get; set; }

    public bool IsCatchall { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? DeletedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var inbox = modelBuilder.Entity<Inbox>();
        inbox.ToTable("inboxes");
        inbox.HasKey(i => i.Id);
        inbox.Property(i => i.LocalPart).HasMaxLength(64);
        inbox.Property(i => i.Name).HasMaxLength(200);
        inbox.HasOne<MailDomain>().WithMany().HasForeignKey(i => i.DomainId).OnDelete(DeleteBehavior.Restrict);
        inbox.HasIndex(i => new { i.DomainId, i.LocalPart });
    }
}
