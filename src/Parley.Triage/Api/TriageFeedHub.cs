using Microsoft.AspNetCore.SignalR;
using Parley.Core.Events;
using Parley.Triage.Audit;

namespace Parley.Triage.Api;

/// <summary>
/// The dashboard's live feed (<c>/hubs/triage</c>): every decision as it is recorded, sent as <see cref="EventName"/>
/// with an <see cref="AuditItem"/> plus <c>dry_run</c>. Server to client only; the hub is mapped behind the dashboard
/// policy, so only dashboard users and Parley admins connect (a session token may come as <c>access_token</c>).
/// </summary>
internal sealed class TriageFeedHub : Hub
{
    public const string Path = "/hubs/triage";
    public const string EventName = "decision";
}

/// <summary>What the feed sends: the audit row as <c>GET /api/triage/audit</c> shows it, and whether it was a dry run.</summary>
internal sealed record TriageFeedDecision(AuditItem Decision, bool DryRun);

/// <summary>Pushes each <see cref="TriageDecisionRecorded"/> to every connected dashboard.</summary>
internal sealed class TriageFeedPublisher(IHubContext<TriageFeedHub> hub) : IEventHandler<TriageDecisionRecorded>
{
    public Task HandleAsync(TriageDecisionRecorded e, CancellationToken cancellationToken) =>
        hub.Clients.All.SendAsync(TriageFeedHub.EventName, new TriageFeedDecision(
            new AuditItem(e.AuditId, e.MessageId, e.AccountName, AuditItem.ParseActions(e.ActionsJson), e.Subject, e.LlmProvider,
                e.LlmModel, e.Confidence, e.Reasoning, e.At), e.DryRun), cancellationToken);
}
