using System.ComponentModel.DataAnnotations;

namespace Parley.Mail.Smtp;

/// <summary>The <c>Mail:Smtp</c> section: Parley's SMTP listener.</summary>
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
}
