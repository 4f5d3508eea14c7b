using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Parley.Core.Storage;

namespace Parley.Mail.Smtp;

/// <summary>
/// The certificate STARTTLS presents: <c>Mail:Smtp:CertificatePath</c> when configured (PKCS#12, or PEM
/// with the key in the same file), else a self-signed one for <c>Mail:Hostname</c>, generated on first use
/// and kept in the data directory (<c>smtp-tls.pfx</c>, readable by the owner only) so it survives restarts.
/// Opportunistic TLS between mail servers does not check certificates; a real one matters for submission.
/// </summary>
internal sealed class SmtpCertificate(IOptions<MailOptions> mail, IOptions<StorageOptions> storage, TimeProvider clock)
{
    public const string SelfSignedFileName = "smtp-tls.pfx";

    private readonly Lazy<X509Certificate2> _certificate = new(() => Load(mail.Value, storage.Value, clock));

    public X509Certificate2 Certificate => _certificate.Value;

    private static X509Certificate2 Load(MailOptions mail, StorageOptions storage, TimeProvider clock)
    {
        var path = mail.Smtp.CertificatePath;
        if (!string.IsNullOrWhiteSpace(path))
        {
            return FromFile(Path.GetFullPath(path), mail.Smtp.CertificatePassword);
        }
        var selfSigned = Path.Combine(storage.FullDataDirectory, SelfSignedFileName);
        if (File.Exists(selfSigned))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(selfSigned, null);
        }
        var pfx = CreateSelfSigned(mail.Hostname, clock.GetUtcNow());
        Directory.CreateDirectory(storage.FullDataDirectory);
        var temp = selfSigned + ".tmp";
        File.WriteAllBytes(temp, pfx);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        File.Move(temp, selfSigned, overwrite: true);
        return X509CertificateLoader.LoadPkcs12(pfx, null);
    }

    private static X509Certificate2 FromFile(string path, string? password)
    {
        if (path.EndsWith(".pem", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".crt", StringComparison.OrdinalIgnoreCase))
        {
            using var pem = string.IsNullOrEmpty(password)
                ? X509Certificate2.CreateFromPemFile(path)
                : X509Certificate2.CreateFromEncryptedPemFile(path, password);
            // SslStream on Linux wants a key it can hand to OpenSSL: round-trip through PKCS#12.
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
        return X509CertificateLoader.LoadPkcs12FromFile(path, password);
    }

    private static byte[] CreateSelfSigned(string hostname, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={hostname}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(hostname);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));
        return certificate.Export(X509ContentType.Pkcs12);
    }
}
