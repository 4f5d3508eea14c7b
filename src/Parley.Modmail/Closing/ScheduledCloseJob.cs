using Parley.Core.Jobs;

namespace Parley.Modmail.Closing;

/// <summary>
/// <c>modmail.close_scheduled</c>: enqueued with a <c>scheduled_closures</c> row for its time, so it survives restarts.
/// Closes the ticket when the row is still there for that time; a close cancelled (by staff or by the member writing)
/// or rescheduled since leaves it nothing to do.
/// </summary>
internal sealed class ScheduledCloseJob(TicketClosing closing) : IJobHandler
{
    public const string JobKind = "modmail.close_scheduled";

    public sealed record Payload(Guid TicketId, long ScheduledTime);

    public string Kind => JobKind;

    public Task ExecuteAsync(JobExecution job, CancellationToken cancellationToken)
    {
        var payload = job.Payload<Payload>();
        return closing.RunScheduledAsync(payload.TicketId, payload.ScheduledTime, cancellationToken);
    }
}
