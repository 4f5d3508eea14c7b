using System.Text;

namespace Parley.Mail.Smtp;

/// <summary>
/// One SMTP reply: a code, an enhanced status code (RFC 3463; every 2xx/4xx/5xx reply but the
/// greeting and the EHLO/HELO answer carries one, RFC 2034 §3) and one or more lines of text.
/// </summary>
internal sealed record SmtpReply(int Code, string? EnhancedCode, IReadOnlyList<string> Lines)
{
    public SmtpReply(int code, string? enhancedCode, string text) : this(code, enhancedCode, [text])
    {
    }

    public bool IsPositive => Code is >= 200 and < 400;

    /// <summary>The bytes on the wire: <c>250-first</c> … <c>250 last</c>, each line ending in CRLF.</summary>
    public byte[] ToBytes()
    {
        var text = new StringBuilder();
        for (var i = 0; i < Lines.Count; i++)
        {
            text.Append(Code).Append(i == Lines.Count - 1 ? ' ' : '-');
            if (EnhancedCode is not null)
            {
                text.Append(EnhancedCode).Append(' ');
            }
            text.Append(Lines[i]).Append("\r\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public override string ToString() => $"{Code} {EnhancedCode} {string.Join(" / ", Lines)}";

    // The replies more than one place gives.
    public static readonly SmtpReply Ok = new(250, "2.0.0", "Ok");
    public static readonly SmtpReply BadSequence = new(503, "5.5.1", "Bad sequence of commands");
    public static readonly SmtpReply SyntaxError = new(501, "5.5.4", "Syntax error in parameters or arguments");
    public static readonly SmtpReply UnknownCommand = new(500, "5.5.2", "Command not recognized");
    public static readonly SmtpReply LineTooLong = new(500, "5.5.2", "Line too long");
    public static readonly SmtpReply LocalError = new(451, "4.3.0", "Local error in processing; try again later");
    public static readonly SmtpReply RelayDenied = new(550, "5.7.1", "Relaying denied");
    public static readonly SmtpReply NoSuchMailbox = new(550, "5.1.1", "No such mailbox here");
    public static readonly SmtpReply SenderRefused = new(550, "5.7.1", "Sender refused");
}
