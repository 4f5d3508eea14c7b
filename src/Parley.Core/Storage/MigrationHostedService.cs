using Microsoft.Extensions.Hosting;

namespace Parley.Core.Storage;

/// <summary>Migrates every module before the server starts taking requests.</summary>
internal sealed class MigrationHostedService(DatabaseMigrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAllAsync(cancellationToken: cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
