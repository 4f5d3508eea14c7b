using Microsoft.EntityFrameworkCore;

namespace Parley.Mail.Domains;

/// <summary>
/// A domain Parley sends and receives mail for (<c>domains</c>). The four <c>*_verified</c> flags are what
/// the last DNS check found; the DKIM key pair is generated when the domain is added.
/// </summary>
internal sealed class MailDomain
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Lower-case, IDNA (punycode) form.</summary>
    public required string Name { get; set; }

    /// <summary>The seed's SES identity; empty unless an SES-like relay is configured.</summary>
    public string? SesIdentityArn { get; set; }

    /// <summary>The DKIM selectors published for the domain (the seed's CNAME tokens; Parley's own selector here).</summary>
    public string[] DkimTokens { get; set; } = [];

    public string? FromName { get; set; }
    public string? ReplyToAddress { get; set; }
    public string? BounceAddress { get; set; }
    public bool MxVerified { get; set; }
    public bool SpfVerified { get; set; }
    public bool DkimVerified { get; set; }
    public bool DmarcVerified { get; set; }

    // Parley's: the signing key. The private key is encrypted with the instance key (InstanceKeyring, purpose "mail.dkim").
    public string DkimSelector { get; set; } = "parley";
    public byte[]? DkimPrivateKeyCiphertext { get; set; }

    /// <summary>The base64 SubjectPublicKeyInfo published as <c>p=</c> in the DKIM TXT record.</summary>
    public string? DkimPublicKey { get; set; }

    public DateTime? VerifiedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? DeletedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        var domain = modelBuilder.Entity<MailDomain>();
        domain.ToTable("domains");
        domain.HasKey(d => d.Id);
        domain.Property(d => d.Name).HasMaxLength(253);
        domain.Property(d => d.DkimSelector).HasMaxLength(63);
        domain.HasIndex(d => d.Name);
    }
}
