namespace Parley.Modmail.Transports.Email;

/// <summary>
/// The text body of a ticket email. A reply: the staff member's text; a named reply is signed "— Alice (Moderator)";
/// then the signature separator and a footer naming the inbox and the message number (the number staff use in
/// <c>edit</c>). A correction (an <c>edit</c>, which email cannot do) starts "Correction to message #n:".
/// </summary>
internal static class EmailText
{
    public static string Body(MemberDelivery delivery, string displayName, bool correction)
    {
        var lines = new List<string>();
        var content = delivery.Content.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        lines.Add(correction && delivery.MessageNumber is { } edited ? $"Correction to message #{edited}:\n\n{content}" : content);
        if (delivery.AuthorName is { Length: > 0 } author)
        {
            lines.Add("");
            lines.Add(delivery.AuthorRole is { Length: > 0 } role ? $"— {author} ({role})" : $"— {author}");
        }
        lines.Add("");
        lines.Add("-- ");
        lines.Add(delivery.MessageNumber is { } number ? $"{displayName} · message #{number}" : displayName);
        return string.Join("\n", lines);
    }
}
