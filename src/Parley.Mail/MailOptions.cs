using System.ComponentModel.DataAnnotations;
using Parley.Mail.Inbound;
using Parley.Mail.Outbound;
using Parley.Mail.Smtp;

namespace Parley.Mail;

/// <summary>The Mail module: the <c>Mail</c> configuration section. Each part has its own subsection.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary>The name this server gives itself in SMTP greetings, Message-IDs and bounces.</summary>
    [Required, MinLength(1)]
    public string Hostname { get; set; } = "localhost";

    /// <summary>The SMTP server that receives mail (<c>Mail:Smtp</c>).</summary>
    public SmtpServerOptions Smtp { get; set; } = new();

    /// <summary>What happens to mail once received: authentication policy, limits (<c>Mail:Inbound</c>).</summary>
    public InboundOptions Inbound { get; set; } = new();

    /// <summary>Sending: relay or direct MX, retries (<c>Mail:Outbound</c>).</summary>
    public OutboundOptions Outbound { get; set; } = new();

    /// <summary>The DNS resolver used for domain verification, SPF/DKIM/DMARC and MX lookups; empty means the system's.</summary>
    public string? DnsServer { get; set; }
}
