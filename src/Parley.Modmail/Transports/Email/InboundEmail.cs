using Parley.Mail.Messages;
using Parley.Modmail.Tickets;

namespace Parley.Modmail.Transports.Email;

/// <summary>
/// How an email to a support inbox becomes a member's message: the member is the lower-case From address, the
/// conversation the Mail thread, the member-side id the Message-ID; the content is the text body (else a text
/// rendering of the HTML body) without the quoted history a mail client appends; attachments are the message's files
/// (inline parts such as signature logos are left out).
/// </summary>
internal static class InboundEmail
{
    /// <summary>The header Parley's own ticket mail carries, so a copy that comes back (a loop, a forward to the inbox) is not a member message.</summary>
    public const string TicketHeader = "X-Parley-Ticket";

    /// <summary>Why <paramref name="email"/> is not a member's message, or null when it is.</summary>
    public static string? SkipReason(StoredEmail email)
    {
        if (email.Outbound || Header(email, TicketHeader) is not null)
        {
            return "sent by Parley";
        }
        // RFC 3834: anything but "no" is automatic (auto-replied, auto-generated, auto-notified).
        if (Header(email, "Auto-Submitted") is { } submitted && !submitted.Trim().StartsWith("no", StringComparison.OrdinalIgnoreCase))
        {
            return "Auto-Submitted";
        }
        if (Header(email, "Content-Type") is { } type && type.Contains("multipart/report", StringComparison.OrdinalIgnoreCase))
        {
            return "a delivery or feedback report";
        }
        if (email.EnvelopeFrom is "")
        {
            return "the null reverse path (a bounce)";
        }
        if (Header(email, "X-Autoreply") is not null || Header(email, "X-Autorespond") is not null
            || Header(email, "Precedence") is { } precedence && precedence.Trim().ToLowerInvariant() is "bulk" or "junk" or "auto_reply" or "list")
        {
            return "an auto-reply or bulk mail";
        }
        if (email.From.Address.Length == 0 || email.From.Address.StartsWith("mailer-daemon@", StringComparison.OrdinalIgnoreCase))
        {
            return "no sender";
        }
        return null;
    }

    public static IncomingMemberMessage ToMemberMessage(Guid deskId, StoredEmail email)
    {
        var address = email.From.Address.ToLowerInvariant();
        var name = string.IsNullOrWhiteSpace(email.From.Name) ? address[..Math.Max(address.IndexOf('@'), 1)] : email.From.Name.Trim();
        var attachments = email.Attachments.Where(a => !a.Inline)
            .Select(a => new Transports.TicketAttachment(a.BlobKey, a.FileName, a.ContentType, a.Size))
            .ToList();
        return new IncomingMemberMessage(
            deskId, TransportNames.Email, address, name, email.ThreadId.ToString(), email.MessageId, Content(email), attachments, email.SentAt);
    }

    /// <summary>The text the member wrote: text/plain preferred, else the HTML as text; the quoted history at the end removed.</summary>
    public static string Content(StoredEmail email)
    {
        var text = !string.IsNullOrWhiteSpace(email.TextBody) ? email.TextBody : HtmlText.ToPlain(email.HtmlBody ?? "");
        return WithoutQuotedHistory(text.Replace("\r\n", "\n", StringComparison.Ordinal)).Trim();
    }

    /// <summary>Drops trailing <c>&gt;</c>-quoted lines and the "On … wrote:" line that introduces them (the rest of the conversation is in the ticket already).</summary>
    public static string WithoutQuotedHistory(string text)
    {
        var lines = text.Split('\n').ToList();
        var end = lines.Count;
        while (end > 0 && (lines[end - 1].StartsWith('>') || string.IsNullOrWhiteSpace(lines[end - 1])))
        {
            end--;
        }
        if (end == lines.Count || end == 0)
        {
            return end == 0 ? text : string.Join('\n', lines);
        }
        var intro = lines[end - 1].TrimEnd();
        if (intro.EndsWith("wrote:", StringComparison.OrdinalIgnoreCase) || intro.EndsWith("a écrit :", StringComparison.OrdinalIgnoreCase) || intro.EndsWith("schrieb:", StringComparison.OrdinalIgnoreCase))
        {
            end--;
        }
        return string.Join('\n', lines.Take(end));
    }

    private static string? Header(StoredEmail email, string name) =>
        email.Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)) is { Key: not null } h ? h.Value : null;
}
