using System.Net;
using Microsoft.Extensions.Options;
using Parley.Core.Webhooks;

namespace Parley.Core.Tests.Webhooks;

public sealed class WebhookTargetGuardTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("10.0.0.1")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("100.127.255.255")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("fe80::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.1.2.3")]
    public void Internal_addresses_are_forbidden(string address)
    {
        Assert.True(WebhookTargetGuard.IsForbidden(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("169.253.1.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    public void Public_addresses_are_allowed(string address)
    {
        Assert.False(WebhookTargetGuard.IsForbidden(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("http://127.0.0.1/hook")]
    [InlineData("http://10.0.0.1/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[::1]:8080/hook")]
    public async Task Creation_time_checks_refuse_internal_targets_by_default(string url)
    {
        var refused = await Guard(allowPrivate: false).CheckAsync(new Uri(url), CancellationToken.None);
        Assert.Equal(WebhookTargetGuard.ForbiddenCode, refused?.Code);
    }

    [Fact]
    public async Task Internal_targets_are_allowed_when_configured()
    {
        Assert.Null(await Guard(allowPrivate: true).CheckAsync(new Uri("http://127.0.0.1:5000/hook"), CancellationToken.None));
    }

    private static WebhookTargetGuard Guard(bool allowPrivate) =>
        new(new StaticOptions(new WebhooksOptions { AllowPrivateTargets = allowPrivate }));

    private sealed class StaticOptions(WebhooksOptions value) : IOptionsMonitor<WebhooksOptions>
    {
        public WebhooksOptions CurrentValue => value;
        public WebhooksOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<WebhooksOptions, string?> listener) => null;
    }
}
