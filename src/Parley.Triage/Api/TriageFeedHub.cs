using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Parley.Core.Events;
using Parley.Triage.Audit;
using Parley.Triage.Dashboard;

namespace Parley.Triage.Api;

/// <summary>
/// The dashboard's live feed (<c>/hubs/triage</c>): every decision as it is recorded, sent as <see cref="EventName"/>
/// with an <see cref="AuditItem"/> plus <c>dry_run</c>. Server to client only; the hub is mapped behind the dashboard
/// policy, so only dashboard users and Parley admins connect (a session token may come as <c>access_token</c>).
/// A connection ends with its session: at the session's expiry (the hub closes on authentication expiration) or at
/// once when a dashboard user signs out (<see cref="FeedConnections"/>).
/// </summary>
internal sealed class TriageFeedHub(FeedConnections connections) : Hub
{
    public const string Path = "/hubs/triage";
    public const string EventName = "decision";

    public override Task OnConnectedAsync()
    {
        connections.Add(Context);
        return base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Remove(Context);
        return base.OnDisconnectedAsync(exception);
    }
}

/// <summary>
/// The feed connections opened with a dashboard session, by session id, so signing out closes them. Per node: another
/// node's connections of that session close at the session's expiry (a signed-out token is refused everywhere at once).
/// </summary>
internal sealed class FeedConnections
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, HubCallerContext>> _bySession = new(StringComparer.Ordinal);

    public void Add(HubCallerContext context)
    {
        if (SessionOf(context) is { } session)
        {
            _bySession.GetOrAdd(session, _ => new(StringComparer.Ordinal))[context.ConnectionId] = context;
        }
    }

    public void Remove(HubCallerContext context)
    {
        if (SessionOf(context) is { } session && _bySession.TryGetValue(session, out var open))
        {
            open.TryRemove(context.ConnectionId, out _);
        }
    }

    /// <summary>Aborts every feed connection of <paramref name="sessionId"/> on this node.</summary>
    public int Close(string sessionId)
    {
        if (!_bySession.TryRemove(sessionId, out var open))
        {
            return 0;
        }
        foreach (var context in open.Values)
        {
            context.Abort();
        }
        return open.Count;
    }

    private static string? SessionOf(HubCallerContext context) =>
        context.User?.FindFirst(DashboardSessionAuthenticationHandler.SessionClaim)?.Value;
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
