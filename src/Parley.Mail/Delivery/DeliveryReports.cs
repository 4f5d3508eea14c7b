using MimeKit;
using Parley.Mail.Storage;

namespace Parley.Mail.Delivery;

/// <summary>
/// Recognizes delivery status notifications (RFC 3464) and abuse reports (ARF, RFC 5965) among received
/// mail, records them as delivery events on the original message and suppresses the address.
/// SEAM: this first version recognizes nothing; the sending part replaces it.
/// </summary>
internal sealed class DeliveryReports
{
    /// <summary>True when <paramref name="message"/> was a report about mail Parley sent and has been recorded in <paramref name="db"/> (unsaved).</summary>
    public Task<bool> TryRecordAsync(MailDbContext db, MimeMessage message, CancellationToken cancellationToken) => Task.FromResult(false);
}
