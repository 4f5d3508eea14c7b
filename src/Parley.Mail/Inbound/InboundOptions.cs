namespace Parley.Mail.Inbound;

/// <summary>The <c>Mail:Inbound</c> section: what is done with received mail.</summary>
public sealed class InboundOptions
{
    /// <summary>
    /// Senders refused at MAIL FROM with 550 5.7.1, beside the suppressed addresses: an address
    /// (<c>spam@example.com</c>) or a whole domain (<c>@example.com</c>), compared case-insensitively.
    /// </summary>
    public List<string> BlockedSenders { get; set; } = [];
}
