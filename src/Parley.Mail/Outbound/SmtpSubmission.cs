using Parley.Mail.Smtp;

namespace Parley.Mail.Outbound;

/// <summary>What became of a message submitted over authenticated SMTP: queued (its Message-ID) or refused with an SMTP reply.</summary>
public sealed record SubmissionResult(bool Accepted, string? MessageId, int Code, string EnhancedCode, string Text);

/// <summary>
/// Mail submitted by an authenticated SMTP session for recipients outside Parley's domains: stored as
/// outbound in the sender's inbox, DKIM-signed and queued like <c>POST /api/mail/send</c>.
/// SEAM: this first version refuses; the sending part replaces it.
/// </summary>
internal sealed class SmtpSubmission
{
    public Task<SubmissionResult> SubmitAsync(SmtpEnvelope envelope, Stream rawMime, CancellationToken cancellationToken) =>
        Task.FromResult(new SubmissionResult(false, null, 550, "5.7.1", "Relaying is not available."));
}
