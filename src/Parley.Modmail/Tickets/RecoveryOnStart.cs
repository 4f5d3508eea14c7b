using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Parley.Modmail.Tickets;

/// <summary>
/// <c>Modmail:RecoverOnStart</c>: once the server has started (migrations applied, transports listening), runs
/// <see cref="MessageRecovery"/> over every desk in the background. A failure is logged; the server keeps running.
/// </summary>
internal sealed class RecoveryOnStart(
    IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, IOptionsMonitor<ModmailOptions> options, ILogger<RecoveryOnStart> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.RecoverOnStart)
        {
            return;
        }
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try
            {
                await started.Task;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var report = await scope.ServiceProvider.GetRequiredService<MessageRecovery>().RunAsync(null, stoppingToken);
            logger.LogInformation("Modmail recovery on start: {Checked} desk transports checked, {Recovered} missed messages relayed, {Failed} failed",
                report.Checked, report.Recovered, report.Failed);
        }
        catch (Exception e)
        {
            // Stopping mid-run is no failure; anything else is logged and the server keeps running.
            if (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "Modmail recovery on start failed");
            }
        }
    }
}
