using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Storage;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Tests.Cli;

[Collection(ConsoleCollection.Name)]
public sealed class FirstAdminTests
{
    private const string Banner = "First admin account created: username 'admin', one-time password: ";

    [Theory, BothProviders]
    public async Task A_first_start_without_a_configured_password_creates_an_owner_with_a_printed_one_time_password(string provider)
    {
        string printed;
        TestApp app;
        using (var capture = new ConsoleCapture())
        {
            app = await TestApp.StartAsync(provider, new Dictionary<string, string?> { ["Admin:Password"] = null });
            printed = capture.Out;
        }
        await using var _ = app;
        var line = Assert.Single(printed.Split('\n'), l => l.StartsWith(Banner, StringComparison.Ordinal));
        var password = line[Banner.Length..].Trim();
        Assert.Equal(20, password.Length);

        var tokens = await app.SignInAsync(TestApp.AdminUsername, password);
        Assert.Equal("owner", tokens.User.Str("role"));
        Assert.True(tokens.User.GetProperty("password_must_change").GetBoolean());

        // A second start finds the account and creates nothing.
        using (var capture = new ConsoleCapture())
        {
            await app.RestartAsync();
            Assert.DoesNotContain("First admin", capture.Out, StringComparison.Ordinal);
        }
        await using var scope = app.CreateScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<CoreDbContext>().Users.CountAsync());
    }

    [Fact]
    public async Task A_configured_first_admin_password_is_used_and_never_printed()
    {
        using var capture = new ConsoleCapture();
        await using var app = await TestApp.StartAsync(TestDatabase.Sqlite);
        Assert.Contains("First admin account created: username 'admin', password from configuration", capture.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(TestApp.AdminPassword, capture.Out, StringComparison.Ordinal);
        var tokens = await app.SignInAsync();
        Assert.False(tokens.User.GetProperty("password_must_change").GetBoolean());
    }
}
