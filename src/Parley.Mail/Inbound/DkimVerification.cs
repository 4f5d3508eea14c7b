using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Cryptography;
using Parley.Mail.Dns;

namespace Parley.Mail.Inbound;

/// <summary>The DKIM verdict of a message: the best result of its signatures, and the domains (d=) whose signatures verified.</summary>
internal sealed record DkimOutcome(string Result, IReadOnlyList<string> PassingDomains, IReadOnlyList<string> CheckedDomains);

/// <summary>
/// Verifies a message's DKIM-Signature headers (RFC 6376) with MimeKit's <see cref="DkimVerifier"/>, keys from DNS.
/// One verified signature is a pass; signatures that all fail are a fail; a key that could not be fetched makes
/// temperror when nothing else decided. At most <c>Mail:Inbound:MaxDkimSignatures</c> signatures are checked.
/// </summary>
internal sealed class DkimVerification(MailDns dns, IOptions<MailOptions> options)
{
    public async Task<DkimOutcome> VerifyAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var signatures = message.Headers.Where(h => h.Id == HeaderId.DkimSignature).Take(options.Value.Inbound.MaxDkimSignatures).ToList();
        if (signatures.Count == 0)
        {
            return new DkimOutcome(AuthResult.None, [], []);
        }
        var verifier = new DkimVerifier(new DkimDnsKeyLocator(dns));
        var passing = new List<string>();
        var checkedDomains = new List<string>();
        var results = new List<string>();
        foreach (var signature in signatures)
        {
            var domain = TagList.Parse(signature.Value).GetValueOrDefault("d")?.ToLowerInvariant();
            if (domain is not null)
            {
                checkedDomains.Add(domain);
            }
            try
            {
                if (await verifier.VerifyAsync(message, signature, cancellationToken) && domain is not null)
                {
                    passing.Add(domain);
                    results.Add(AuthResult.Pass);
                }
                else
                {
                    results.Add(AuthResult.Fail);
                }
            }
            catch (DkimKeyException key)
            {
                results.Add(key.Result);
            }
            catch (FormatException)
            {
                // Malformed signature or key record.
                results.Add(AuthResult.PermError);
            }
            catch (NotSupportedException)
            {
                // An algorithm the verifier does not accept (rsa-sha1 is off, RFC 8301).
                results.Add(AuthResult.PermError);
            }
        }
        var result = results.Contains(AuthResult.Pass) ? AuthResult.Pass
            : results.Contains(AuthResult.Fail) ? AuthResult.Fail
            : results.Contains(AuthResult.TempError) ? AuthResult.TempError
            : AuthResult.PermError;
        return new DkimOutcome(result, passing.Distinct().ToList(), checkedDomains.Distinct().ToList());
    }
}
