using Microsoft.EntityFrameworkCore;
using Parley.Core.Webhooks;
using Parley.Mail.Storage;

namespace Parley.Mail.Webhooks;

/// <summary>Mail's <c>webhook_endpoints</c> as a source Core's delivery job delivers to and keeps the health of (seed columns).</summary>
internal sealed class MailWebhookEndpointSource(MailDbContext db) : IWebhookEndpointSource
{
    public const string SourceName = "mail";

    public string Name => SourceName;

    public async Task<WebhookTarget?> FindAsync(Guid endpointId, CancellationToken cancellationToken) =>
        await db.WebhookEndpoints.AsNoTracking()
            .Where(e => e.Id == endpointId)
            .Select(e => new WebhookTarget(e.Id, e.Url, e.Secret, e.Status == WebhookEndpointStates.Disabled))
            .SingleOrDefaultAsync(cancellationToken);

    public Task RecordSuccessAsync(Guid endpointId, DateTime now, CancellationToken cancellationToken) =>
        db.WebhookEndpoints
            .Where(e => e.Id == endpointId && e.Status != WebhookEndpointStates.Disabled)
            .ExecuteUpdateAsync(s => s
                .SetProperty(e => e.FailureCount, 0)
                .SetProperty(e => e.Status, WebhookEndpointStates.Active)
                .SetProperty(e => e.LastSuccessAt, now), cancellationToken);

    public async Task<int?> RecordFailureAsync(Guid endpointId, DateTime now, CancellationToken cancellationToken)
    {
        var endpoint = db.WebhookEndpoints.Where(e => e.Id == endpointId);
        await endpoint.ExecuteUpdateAsync(s => s
            .SetProperty(e => e.FailureCount, e => e.FailureCount + 1)
            .SetProperty(e => e.LastFailureAt, now), cancellationToken);
        return await endpoint.Select(e => (int?)e.FailureCount).SingleOrDefaultAsync(cancellationToken);
    }

    public Task WarnAsync(Guid endpointId, CancellationToken cancellationToken) =>
        db.WebhookEndpoints.Where(e => e.Id == endpointId && e.Status == WebhookEndpointStates.Active)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, WebhookEndpointStates.Warning), cancellationToken);

    public async Task<bool> DisableAsync(Guid endpointId, CancellationToken cancellationToken) =>
        await db.WebhookEndpoints.Where(e => e.Id == endpointId && e.Status != WebhookEndpointStates.Disabled)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, WebhookEndpointStates.Disabled), cancellationToken) == 1;
}
