using Microsoft.EntityFrameworkCore;
using Parley.Core.Storage;

namespace Parley.Core.Webhooks;

/// <summary>Core's <c>webhook_endpoints</c> (<c>/api/admin/webhooks</c>) as a source the delivery job delivers to.</summary>
internal sealed class CoreWebhookEndpoints(CoreDbContext core) : IWebhookEndpointSource
{
    public const string SourceName = "core";

    public string Name => SourceName;

    public async Task<WebhookTarget?> FindAsync(Guid endpointId, CancellationToken cancellationToken) =>
        await core.WebhookEndpoints.AsNoTracking()
            .Where(e => e.Id == endpointId)
            .Select(e => new WebhookTarget(e.Id, e.Url, e.SecretCiphertext, e.Status == WebhookEndpointStates.Disabled))
            .SingleOrDefaultAsync(cancellationToken);

    public Task RecordSuccessAsync(Guid endpointId, DateTime now, CancellationToken cancellationToken) =>
        // A disabled endpoint stays disabled: only people turn it back on.
        core.WebhookEndpoints
            .Where(e => e.Id == endpointId && e.Status != WebhookEndpointStates.Disabled)
            .ExecuteUpdateAsync(s => s
                .SetProperty(e => e.ConsecutiveFailures, 0)
                .SetProperty(e => e.Status, WebhookEndpointStates.Active)
                .SetProperty(e => e.LastSuccessAt, now)
                .SetProperty(e => e.UpdatedAt, now), cancellationToken);

    public async Task<int?> RecordFailureAsync(Guid endpointId, DateTime now, CancellationToken cancellationToken)
    {
        var endpoint = core.WebhookEndpoints.Where(e => e.Id == endpointId);
        await endpoint.ExecuteUpdateAsync(s => s
            .SetProperty(e => e.ConsecutiveFailures, e => e.ConsecutiveFailures + 1)
            .SetProperty(e => e.LastFailureAt, now)
            .SetProperty(e => e.UpdatedAt, now), cancellationToken);
        return await endpoint.Select(e => (int?)e.ConsecutiveFailures).SingleOrDefaultAsync(cancellationToken);
    }

    public Task WarnAsync(Guid endpointId, CancellationToken cancellationToken) =>
        core.WebhookEndpoints.Where(e => e.Id == endpointId && e.Status == WebhookEndpointStates.Active)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, WebhookEndpointStates.Warning), cancellationToken);

    public async Task<bool> DisableAsync(Guid endpointId, CancellationToken cancellationToken) =>
        await core.WebhookEndpoints.Where(e => e.Id == endpointId && e.Status != WebhookEndpointStates.Disabled)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, WebhookEndpointStates.Disabled), cancellationToken) == 1;
}
