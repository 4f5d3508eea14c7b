using System.Net;
using Parley.IntegrationTests.Infrastructure;

namespace Parley.IntegrationTests;

public sealed class InstanceLockTests
{
    [Fact]
    public async Task A_second_server_on_the_same_data_directory_exits_2_with_the_lock_message()
    {
        using var environment = ParleyEnvironment.Sqlite();
        await using var first = await ParleyProcess.StartServerAsync(environment);

        var second = await ParleyProcess.RunAsync(environment, TimeSpan.FromMinutes(1));

        Assert.Equal(2, second.ExitCode);
        Assert.Contains($"parley: another Parley process is using the data directory {environment.DataDirectory}", second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Parley listening on", second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", second.Output, StringComparison.Ordinal);
        using var client = new HttpClient { BaseAddress = first.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task The_lock_is_released_when_the_server_is_killed()
    {
        using var environment = ParleyEnvironment.Sqlite();
        var first = await ParleyProcess.StartServerAsync(environment);
        await first.DisposeAsync();

        await using var second = await ParleyProcess.StartServerAsync(environment);

        Assert.NotNull(second.BaseAddress);
    }
}
