using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Parley.Core.Storage;

/// <summary>
/// Takes the data directory's lock before anything else starts (registered ahead of the
/// migrations) and keeps it until the server stops. Only SQLite needs it: on PostgreSQL many
/// nodes share one database on purpose.
/// </summary>
internal sealed class DataDirectoryLockHostedService(IOptions<StorageOptions> storage) : IHostedService, IDisposable
{
    private DataDirectoryLock? _lock;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!storage.Value.IsPostgres)
        {
            _lock = DataDirectoryLock.Acquire(storage.Value.FullDataDirectory);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _lock?.Dispose();
        _lock = null;
    }
}
