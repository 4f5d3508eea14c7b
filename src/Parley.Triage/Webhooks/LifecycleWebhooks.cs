using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Parley.Core.Webhooks;
using Parley.Triage.Configuration;
using Parley.Triage.Storage;

namespace Parley.Triage.Webhooks;

/// <summary>
/// Mailpilot's <c>startup</c> and <c>shutdown</c> webhook events: once the server has started, and as it begins to
/// stop, every account hook that names the event gets a delivery (process events: no account of their own, as in
/// Mailpilot). Queued like every account webhook (durable, signed, retried): a <c>shutdown</c> the delivery job has
/// no time to send before the process ends goes out at the next start, its <c>at</c> still the moment of stopping.
/// </summary>
internal sealed class LifecycleWebhooks(IServiceScopeFactory scopes, IOptionsMonitor<TriageOptions> options, TimeProvider clock)
    : IHostedLifecycleService
{
    public const string Startup = "startup";
    public const string Shutdown = "shutdown";

    public Task StartedAsync(CancellationToken cancellationToken) => QueueAsync(Startup, null, cancellationToken);

    public Task StoppingAsync(CancellationToken cancellationToken) => QueueAsync(Shutdown, "stopping", cancellationToken);

    private async Task QueueAsync(string type, string? reason, CancellationToken cancellationToken)
    {
        var hooks = AccountWebhookEndpoints.All(options.CurrentValue).Where(h => h.Hook.Events.Contains(type)).ToList();
        if (hooks.Count == 0)
        {
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TriageDbContext>();
        var publisher = scope.ServiceProvider.GetRequiredService<WebhookPublisher>();
        var data = new LifecyclePayload(type, reason, clock.GetUtcNow());
        foreach (var (account, index, hook) in hooks)
        {
            publisher.Add(db, AccountWebhookEndpoints.SourceName, AccountWebhookEndpoints.IdOf(account, index, hook.Url), type, data);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal sealed record LifecyclePayload(string Event, string? Reason, DateTimeOffset At);
}
