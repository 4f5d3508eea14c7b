using System.Net;
using System.Text.RegularExpressions;
using Parley.IntegrationTests.Infrastructure;

namespace Parley.IntegrationTests;

public sealed partial class FirstStartTests
{
    [GeneratedRegex(@"First admin account created: username 'admin', one-time password: (\S+)")]
    private static partial Regex OneTimePasswordLine();

    [Fact]
    public async Task First_start_without_configuration_prints_the_url_and_a_one_time_admin_password_and_is_ready()
    {
        using var environment = ParleyEnvironment.Bare();

        await using var server = await ParleyProcess.StartServerAsync(environment);

        Assert.Equal("127.0.0.1", server.BaseAddress!.Host);
        // The account is created by a hosted service that runs before the server listens, so the line is already out.
        var password = await server.WaitForOutputAsync(OneTimePasswordLine(), TimeSpan.FromSeconds(5));
        Assert.True(password.Groups[1].Value.Length >= 12, "the one-time password is too short");
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode);
        Assert.True(File.Exists(Path.Combine(environment.DataDirectory, "core.db")), "the default data directory is ./data");
    }
}
