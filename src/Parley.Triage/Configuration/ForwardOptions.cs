using Microsoft.Extensions.Configuration;

namespace Parley.Triage.Configuration;

/// <summary>
/// How Triage sends an email of its own (a forward, a notification): through one of Parley's own Mail inboxes
/// (<see cref="FromInbox"/>, Mail's signing, threading, suppression list and delivery queue) or, when
/// <see cref="Smtp"/> has a host, through a plain SMTP relay from <see cref="From"/>.
/// </summary>
public abstract class MailRouteOptions
{
    /// <summary>The address of a Parley Mail inbox the email is sent from.</summary>
    [ConfigurationKeyName("from_inbox")]
    public string? FromInbox { get; set; }

    /// <summary>The sender address for <see cref="Smtp"/>.</summary>
    [ConfigurationKeyName("from")]
    public string? From { get; set; }

    [ConfigurationKeyName("smtp")]
    public ForwardSmtpOptions Smtp { get; set; } = new();
}

/// <summary>
/// An account's <c>forward:</c>: how a <c>forward</c> action's email is sent (<see cref="MailRouteOptions"/>); without
/// <c>from</c> the relay sends from the account's <c>imap.username</c> when it is an address. Neither route: a forward
/// fails (dead letter).
/// </summary>
public sealed class ForwardOptions : MailRouteOptions;

/// <summary>A plain SMTP relay for forwards (MailKit's SmtpClient).</summary>
public sealed class ForwardSmtpOptions
{
    /// <summary>Empty: no relay.</summary>
    [ConfigurationKeyName("host")]
    public string? Host { get; set; }

    [ConfigurationKeyName("port")]
    public int Port { get; set; } = 587;

    /// <summary>The same modes as <c>imap.tls</c>: <c>auto</c> (TLS on connect on 465, STARTTLS when offered), <c>tls</c>, <c>starttls</c>, <c>insecure</c>.</summary>
    [ConfigurationKeyName("tls")]
    public ImapTlsMode Tls { get; set; } = ImapTlsMode.Auto;

    /// <summary>Empty: no authentication.</summary>
    [ConfigurationKeyName("username")]
    public string? Username { get; set; }

    /// <summary>A secret: give it as <c>${ENV_VAR}</c>; never logged.</summary>
    [ConfigurationKeyName("password")]
    public string? Password { get; set; }

    /// <summary>Connect, authenticate and send timeout.</summary>
    [ConfigurationKeyName("timeout")]
    public Duration Timeout { get; set; } = Duration.FromSeconds(60);
}
