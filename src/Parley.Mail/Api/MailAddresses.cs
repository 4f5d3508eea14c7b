using MimeKit;

namespace Parley.Mail.Api;

/// <summary>Whether an API field holds one plain email address (<c>local@domain</c>, no display name).</summary>
internal static class MailAddresses
{
    public static bool IsValid(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 320)
        {
            return false;
        }
        var trimmed = value.Trim();
        return MailboxAddress.TryParse(trimmed, out var mailbox)
            && string.Equals(mailbox.Address, trimmed, StringComparison.OrdinalIgnoreCase)
            && trimmed.IndexOf('@', StringComparison.Ordinal) is > 0 and var at && at < trimmed.Length - 1;
    }
}
