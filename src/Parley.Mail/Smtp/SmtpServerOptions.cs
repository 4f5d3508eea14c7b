using System.ComponentModel.DataAnnotations;

namespace Parley.Mail.Smtp;

/// <summary>The <c>Mail:Smtp</c> section: Parley's SMTP listener and the limits it enforces on every session.</summary>
public sealed class SmtpServerOptions
{
    /// <summary>False turns the listener off (the API still sends).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Address to listen on.</summary>
    [Required]
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>TCP port: 2525 by default, 25 in production; 0 picks a free one (printed at start).</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 2525;

    /// <summary>Largest message accepted, in bytes (announced as SIZE).</summary>
    [Range(1024, 1024L * 1024 * 1024)]
    public long MaxMessageBytes { get; set; } = 25L * 1024 * 1024;

    /// <summary>Longest command line, CRLF included (RFC 5321 §4.5.3.1.4 asks for at least 512); longer ones get 500 5.5.2.</summary>
    [Range(512, 65536)]
    public int MaxCommandLineLength { get; set; } = 512;

    /// <summary>Recipients one message may have (RFC 5321 asks for at least 100); past it, RCPT gets 452 4.5.3.</summary>
    [Range(1, 10000)]
    public int MaxRecipients { get; set; } = 100;

    /// <summary>Sessions at once; a connection past it is greeted with 421 4.3.2 and closed.</summary>
    [Range(1, 100000)]
    public int MaxSessions { get; set; } = 200;

    /// <summary>Seconds a client may stay silent (commands and DATA alike) before 421 4.4.2 and the close.</summary>
    [Range(1, 3600)]
    public int IdleTimeoutSeconds { get; set; } = 300;

    /// <summary>Unknown, malformed or out-of-order commands one session may send before it is closed with 421 4.7.0.</summary>
    [Range(1, 1000)]
    public int MaxBadCommands { get; set; } = 20;

    /// <summary>A PKCS#12 (.pfx) or PEM (certificate and key in one file) certificate for STARTTLS; empty: a self-signed one kept in the data directory.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The password of <see cref="CertificatePath"/>, when it has one.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>Offer AUTH on connections that did not STARTTLS (tests, a trusted loopback); passwords then cross the wire in clear.</summary>
    public bool AllowInsecureAuth { get; set; }
}
