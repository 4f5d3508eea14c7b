using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MailKit.Net.Imap;
using MailKit.Security;

namespace Parley.Triage.Imap;

/// <summary>
/// Opens an authenticated <see cref="ImapClient"/> for an account: its TLS mode, its trusted certificate fingerprints,
/// basic auth or SASL XOAUTH2. One connection per watched folder and one for actions; the caller disposes it.
/// </summary>
public sealed class ImapConnector(IImapAccessTokens? accessTokens = null)
{
    public async Task<ImapClient> ConnectAsync(ImapAccount account, CancellationToken cancellationToken)
    {
        var client = new ImapClient { Timeout = (int)account.Timeout.TotalMilliseconds };
        client.ServerCertificateValidationCallback = (_, certificate, _, errors) => IsTrusted(account, certificate, errors);
        try
        {
            await client.ConnectAsync(account.Host, account.Port, SocketOptions(account), cancellationToken);
            if (account.Auth == ImapAuthKind.OAuth2)
            {
                var tokens = accessTokens ?? throw new InvalidOperationException($"account {account.Name}: oauth2 needs an access token source");
                var token = await tokens.GetAccessTokenAsync(account, cancellationToken);
                try
                {
                    await client.AuthenticateAsync(new SaslMechanismOAuth2(account.Username, token), cancellationToken);
                }
                catch (AuthenticationException)
                {
                    // A cached token the server no longer takes: refresh once and try again on the same connection.
                    tokens.Rejected(account, token);
                    var fresh = await tokens.GetAccessTokenAsync(account, cancellationToken);
                    if (fresh == token)
                    {
                        throw;
                    }
                    await client.AuthenticateAsync(new SaslMechanismOAuth2(account.Username, fresh), cancellationToken);
                }
            }
            else
            {
                await client.AuthenticateAsync(account.Username, account.Password ?? "", cancellationToken);
            }
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static SecureSocketOptions SocketOptions(ImapAccount account) => account.Tls switch
    {
        ImapTlsMode.Tls => SecureSocketOptions.SslOnConnect,
        ImapTlsMode.StartTls => SecureSocketOptions.StartTls,
        ImapTlsMode.Insecure => SecureSocketOptions.None,
        _ => account.Port == 993 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTlsWhenAvailable,
    };

    /// <summary>A chain that validates, or a certificate whose SHA-256 fingerprint the account trusts.</summary>
    internal static bool IsTrusted(ImapAccount account, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }
        if (certificate is null || account.TrustedTlsFingerprints.Count == 0)
        {
            return false;
        }
        var fingerprint = Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData()));
        return account.TrustedTlsFingerprints.Any(trusted => NormalizeFingerprint(trusted) == fingerprint);
    }

    /// <summary>Upper-case hex without separators, as <c>openssl x509 -fingerprint -sha256</c> prints it minus the colons.</summary>
    public static string NormalizeFingerprint(string fingerprint) =>
        new string(fingerprint.Where(Uri.IsHexDigit).ToArray()).ToUpperInvariant();
}
