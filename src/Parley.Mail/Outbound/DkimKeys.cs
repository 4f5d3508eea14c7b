using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Security;
using Parley.Core.Security;
using Parley.Mail.Domains;

namespace Parley.Mail.Outbound;

/// <summary>The DKIM TXT record a domain publishes: <c>{selector}._domainkey.{domain}</c> → <c>v=DKIM1; k=rsa; p=…</c>.</summary>
internal sealed record DkimRecord(string Name, string Value);

/// <summary>
/// A domain's DKIM key pair: RSA 2048, generated when the domain is added (or on its first send, for domains
/// made before); the private key (PKCS#8) sealed with the instance key, the public key published in DNS.
/// </summary>
internal sealed class DkimKeys(InstanceKeyring keyring, IOptions<MailOptions> options)
{
    public const string Purpose = "mail.dkim";
    private const int KeyBits = 2048;

    /// <summary>The headers Parley signs (RFC 6376 §5.4.1's recommendations that Parley's messages carry).</summary>
    private static readonly HeaderId[] SignedHeaders =
    [
        HeaderId.From, HeaderId.To, HeaderId.Cc, HeaderId.Subject, HeaderId.Date, HeaderId.MessageId,
        HeaderId.InReplyTo, HeaderId.References, HeaderId.MimeVersion, HeaderId.ContentType,
    ];

    /// <summary>Gives <paramref name="domain"/> a new key pair under the configured selector (replacing any it had).</summary>
    public void Assign(MailDomain domain)
    {
        using var rsa = RSA.Create(KeyBits);
        var selector = options.Value.Outbound.DkimSelector;
        domain.DkimSelector = selector;
        domain.DkimTokens = [selector];
        domain.DkimPrivateKeyCiphertext = keyring.Encrypt(Purpose, rsa.ExportPkcs8PrivateKey());
        domain.DkimPublicKey = Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo());
    }

    /// <summary>Assigns a key pair if the domain has none; true when it did (the caller saves).</summary>
    public bool EnsureAssigned(MailDomain domain)
    {
        if (domain.DkimPrivateKeyCiphertext is not null && domain.DkimPublicKey is not null)
        {
            return false;
        }
        Assign(domain);
        return true;
    }

    /// <summary>The TXT record to publish for <paramref name="domain"/>; null before it has a key.</summary>
    public static DkimRecord? TxtRecord(MailDomain domain) => domain.DkimPublicKey is null
        ? null
        : new DkimRecord(Domains.DomainDnsRecords.DkimName(domain), Domains.DomainDnsRecords.DkimValue(domain));

    /// <summary>Adds a DKIM-Signature (rsa-sha256, relaxed/relaxed) for <paramref name="domain"/> to a message already prepared for 7-bit transport.</summary>
    public void Sign(MailDomain domain, MimeMessage message)
    {
        var ciphertext = domain.DkimPrivateKeyCiphertext ?? throw new InvalidOperationException($"Domain {domain.Name} has no DKIM key.");
        var pkcs8 = keyring.Decrypt(Purpose, ciphertext);
        try
        {
            var signer = new DkimSigner(PrivateKeyFactory.CreateKey(pkcs8), domain.Name, domain.DkimSelector, DkimSignatureAlgorithm.RsaSha256)
            {
                HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
                BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            };
            signer.Sign(message, SignedHeaders);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }
}
