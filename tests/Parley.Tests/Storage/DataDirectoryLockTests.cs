using Parley.Core.Storage;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Storage;

public sealed class DataDirectoryLockTests
{
    [Fact]
    public async Task A_second_server_on_the_same_sqlite_data_directory_refuses_to_start()
    {
        await using var first = await TestApp.StartAsync(TestDatabase.Sqlite);

        var error = await Assert.ThrowsAsync<DataDirectoryLockedException>(() =>
            TestApp.StartAsync(TestDatabase.Sqlite, new Dictionary<string, string?> { ["Storage:DataDirectory"] = first.Database.DataDirectory }));

        Assert.Equal(first.Database.DataDirectory, error.DataDirectory);
    }

    [Fact]
    public async Task A_stopped_server_releases_the_lock_for_the_next_start()
    {
        await using var app = await TestApp.StartAsync(TestDatabase.Sqlite);
        Assert.True(DataDirectoryLock.IsHeldElsewhere(app.Database.DataDirectory));

        await app.RestartAsync();

        var response = await app.Client.GetAsync(new Uri("/readyz", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Servers_on_postgresql_share_a_data_directory_without_a_lock()
    {
        await using var first = await TestApp.StartAsync(TestDatabase.Postgres);

        await using var second = await TestApp.StartAsync(TestDatabase.Postgres, new Dictionary<string, string?> { ["Storage:DataDirectory"] = first.Database.DataDirectory });

        Assert.False(File.Exists(DataDirectoryLock.PathFor(first.Database.DataDirectory)));
    }
}
