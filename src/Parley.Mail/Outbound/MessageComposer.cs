using MimeKit;
using Parley.Mail.Domains;
using Parley.Mail.Inboxes;

namespace Parley.Mail.Outbound;

/// <summary>A file to attach, decoded.</summary>
internal sealed record DraftAttachment(string Filename, ContentType ContentType, byte[] Content);

/// <summary>The message a reply answers: its Message-ID and its own References, oldest first.</summary>
internal sealed record ReplyParent(string MessageId, IReadOnlyList<string> References);

/// <summary>Builds the MIME of a message sent from an inbox (MimeKit): headers from the inbox and its domain, text/html alternative, attachments.</summary>
internal static class MessageComposer
{
    /// <summary>The address an inbox sends from: <c>local@domain</c> (a catch-all inbox uses its own local part).</summary>
    public static string SenderAddress(Inbox inbox, MailDomain domain) => $"{inbox.LocalPart}@{domain.Name}";

    public static MimeMessage Compose(
        Inbox inbox,
        MailDomain domain,
        IReadOnlyList<MailboxAddress> to,
        IReadOnlyList<MailboxAddress> cc,
        string subject,
        string? text,
        string? html,
        IReadOnlyList<DraftAttachment> attachments,
        ReplyParent? parent,
        DateTimeOffset now)
    {
        var message = new MimeMessage();
        var name = string.IsNullOrWhiteSpace(inbox.Name) ? domain.FromName : inbox.Name;
        message.From.Add(new MailboxAddress(name ?? "", SenderAddress(inbox, domain)));
        if (!string.IsNullOrWhiteSpace(domain.ReplyToAddress))
        {
            message.ReplyTo.Add(new MailboxAddress("", domain.ReplyToAddress));
        }
        message.To.AddRange(to);
        message.Cc.AddRange(cc);
        message.Subject = subject;
        message.Date = now;
        message.MessageId = $"{Guid.NewGuid()}@{domain.Name}";
        if (parent is not null)
        {
            message.InReplyTo = parent.MessageId;
            foreach (var reference in parent.References)
            {
                message.References.Add(reference);
            }
            message.References.Add(parent.MessageId);
        }

        var body = new BodyBuilder { TextBody = text, HtmlBody = html };
        foreach (var attachment in attachments)
        {
            body.Attachments.Add(attachment.Filename, attachment.Content, attachment.ContentType);
        }
        message.Body = body.ToMessageBody();
        return message;
    }
}
