using Parley.Core.Jobs;

namespace Parley.Modmail.Tickets;

/// <summary>
/// <c>modmail.category_choice.expire</c>: enqueued with a <c>category_choices</c> row for its expiry, so it survives
/// restarts. Opens the ticket without a category when the member has still not chosen; a choice made since (row gone)
/// leaves it nothing to do.
/// </summary>
internal sealed class CategoryChoiceJob(MemberMessages members) : IJobHandler
{
    public const string JobKind = "modmail.category_choice.expire";

    public sealed record Payload(long ChoiceId, long ExpiresAt);

    public string Kind => JobKind;

    public Task ExecuteAsync(JobExecution job, CancellationToken cancellationToken)
    {
        var payload = job.Payload<Payload>();
        return members.OpenUnchosenAsync(payload.ChoiceId, payload.ExpiresAt, cancellationToken);
    }
}
