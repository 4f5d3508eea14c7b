using Parley.Mail.Domains;

namespace Parley.Mail.Outbound;

/// <summary>
/// Gives a new domain its DKIM key pair (RSA 2048; private key encrypted with the instance key, public key
/// for the TXT record <c>{selector}._domainkey.{domain}</c>). SEAM: the sending part fills it in.
/// </summary>
internal sealed class DkimKeys
{
    public void Assign(MailDomain domain)
    {
    }
}
