using System.Net;

namespace Parley.Mail.Smtp;

/// <summary>Where the SMTP server listens once it started (with <c>Mail:Smtp:Port</c> 0, the port the system picked); null before, or when disabled.</summary>
public sealed class SmtpListener
{
    public IPEndPoint? Endpoint { get; internal set; }
}
