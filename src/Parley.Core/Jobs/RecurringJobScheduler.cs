using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Parley.Core.Storage;

namespace Parley.Core.Jobs;

/// <summary>
/// At start-up, makes sure every recurring job has its next occurrence in Core's outbox. After
/// that the runner keeps the chain going: when an occurrence finishes it schedules the next.
/// </summary>
internal sealed class RecurringJobScheduler(IEnumerable<RecurringJob> recurring, IServiceScopeFactory scopes, TimeProvider clock) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var job in recurring)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
            await job.EnsureScheduledAsync(db, clock.GetUtcNow().UtcDateTime, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
