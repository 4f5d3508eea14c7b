using System.ComponentModel.DataAnnotations;

namespace Parley.Mail.Outbound;

/// <summary>The <c>Mail:Outbound</c> section: how Parley delivers the mail it sends.</summary>
public sealed class OutboundOptions
{
    /// <summary>The DKIM selector given to new domains: the TXT record is <c>{selector}._domainkey.{domain}</c>.</summary>
    [Required, RegularExpression("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", ErrorMessage = "a lower-case DNS label")]
    public string DkimSelector { get; set; } = "parley";

    /// <summary>Largest message Parley sends (the whole MIME, attachments included), in bytes.</summary>
    [Range(1024, 1024L * 1024 * 1024)]
    public long MaxMessageBytes { get; set; } = 10L * 1024 * 1024;

    /// <summary>Most To + Cc + Bcc addresses of one message.</summary>
    [Range(1, 1000)]
    public int MaxRecipients { get; set; } = 50;

    /// <summary>Port of the recipient's MX for direct delivery (25; tests point it at a local server).</summary>
    [Range(1, 65535)]
    public int MxPort { get; set; } = 25;

    /// <summary>Delays between delivery attempts after a temporary failure (<c>1m,5m,1h</c>; units s, m, h, d); when spent, the message fails.</summary>
    [Required]
    public string RetrySchedule { get; set; } = "1m,5m,15m,30m,1h,2h,4h,8h";

    /// <summary>Time allowed for connecting to and each command of a receiving server, in seconds.</summary>
    [Range(1, 3600)]
    public int TimeoutSeconds { get; set; } = 60;

    /// <summary>A smarthost to hand all mail to; without <see cref="RelayOptions.Host"/>, Parley delivers to each recipient's MX itself.</summary>
    public RelayOptions Relay { get; set; } = new();
}

/// <summary>The <c>Mail:Outbound:Relay</c> section: an SMTP relay (smarthost) Parley submits through.</summary>
public sealed class RelayOptions
{
    /// <summary>Empty: no relay, deliver directly to MX.</summary>
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary>AUTH user name; empty: no authentication.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary><c>StartTls</c> (required), <c>StartTlsWhenAvailable</c>, <c>SslOnConnect</c>, <c>None</c> or <c>Auto</c> (by port).</summary>
    [Required, RegularExpression("^(StartTls|StartTlsWhenAvailable|SslOnConnect|None|Auto)$")]
    public string Security { get; set; } = "StartTls";
}
