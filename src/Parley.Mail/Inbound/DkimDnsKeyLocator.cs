using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;
using Parley.Mail.Dns;

namespace Parley.Mail.Inbound;

/// <summary>Finds a DKIM public key in DNS (<c>selector._domainkey.domain</c> TXT, RFC 6376 §3.6.2) for MimeKit's verifier.</summary>
internal sealed class DkimDnsKeyLocator(MailDns dns) : DkimPublicKeyLocatorBase
{
    public override AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
        LocatePublicKeyAsync(methods, domain, selector, cancellationToken).GetAwaiter().GetResult();

    public override async Task<AsymmetricKeyParameter> LocatePublicKeyAsync(string methods, string domain, string selector, CancellationToken cancellationToken = default)
    {
        if (!methods.Split(':').Any(m => m.Trim().Equals("dns/txt", StringComparison.OrdinalIgnoreCase)))
        {
            throw new DkimKeyException(AuthResult.PermError, "no supported key query method: " + methods);
        }
        var answer = await dns.TxtAsync(selector + "._domainkey." + domain, cancellationToken);
        if (answer.Status == DnsStatus.Failed)
        {
            throw new DkimKeyException(AuthResult.TempError, "key lookup failed");
        }
        var record = answer.Records.FirstOrDefault(r => TagList.Parse(r).ContainsKey("p"));
        if (record is null)
        {
            throw new DkimKeyException(AuthResult.PermError, "no key record");
        }
        if (TagList.Parse(record)["p"].Length == 0)
        {
            // RFC 6376 §3.6.1: an empty p= is a revoked key.
            throw new DkimKeyException(AuthResult.Fail, "key revoked");
        }
        return GetPublicKey(record);
    }
}

/// <summary>The key of a signature could not be had; <see cref="Result"/> is what the signature's result becomes.</summary>
internal sealed class DkimKeyException(string result, string message) : Exception(message)
{
    public string Result { get; } = result;
}
