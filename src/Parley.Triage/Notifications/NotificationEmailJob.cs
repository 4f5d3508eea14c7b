using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Core.Jobs;
using Parley.Triage.Configuration;
using Parley.Triage.Forwarding;

namespace Parley.Triage.Notifications;

/// <summary>
/// <c>triage.notification.email</c>: one notification emailed to one user, from <c>notifications.email</c> in force
/// when the job runs (an inbox or the relay; no credential is in the payload). A failed send throws and the job is
/// retried on Core's backoff; switched off meanwhile, the email is dropped.
/// </summary>
internal sealed partial class NotificationEmailJob(TriageMailer mailer, IOptionsMonitor<TriageOptions> options, ILogger<NotificationEmailJob> logger) : IJobHandler
{
    public const string JobKind = "triage.notification.email";

    /// <summary><c>Auto-Submitted</c>: an automatic message, not to be answered by autoresponders.</summary>
    private static readonly KeyValuePair<string, string>[] Headers = [new("Auto-Submitted", "auto-generated")];

    public sealed record Payload(string To, string Subject, string Text);

    public string Kind => JobKind;

    public async Task ExecuteAsync(JobExecution job, CancellationToken cancellationToken)
    {
        var payload = job.Payload<Payload>();
        var email = options.CurrentValue.Notifications.Email;
        if (!email.Enabled)
        {
            LogDropped();
            return;
        }
        await mailer.SendAsync(new MailSource.Route(email, null), new TriageMail(payload.To, payload.Subject, payload.Text, Headers, []),
            "notification email", cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A Triage notification email was dropped: notifications.email is off")]
    private partial void LogDropped();
}
