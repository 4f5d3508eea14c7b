using Parley.Triage.Configuration;

namespace Parley.Triage.Tests.Api;

/// <summary>The preview's and sandbox's limits are checked at start-up (and on every settings save) by key.</summary>
public sealed class SandboxOptionsTests
{
    [Theory]
    [InlineData(0, 1024, "Triage:sandbox:preview_limit: must be 1–1000")]
    [InlineData(1001, 1024, "Triage:sandbox:preview_limit: must be 1–1000")]
    [InlineData(50, 0, "Triage:sandbox:max_email_bytes: must be 1–104857600")]
    [InlineData(50, 104857601, "Triage:sandbox:max_email_bytes: must be 1–104857600")]
    public void Limits_out_of_range_are_named_by_key(int previewLimit, int maxEmailBytes, string expected)
    {
        var options = new TriageOptions { Sandbox = new SandboxOptions { PreviewLimit = previewLimit, MaxEmailBytes = maxEmailBytes } };

        var result = new TriageOptionsValidator().Validate(null, options);

        Assert.Contains(expected, result.Failures ?? []);
    }

    [Fact]
    public void The_defaults_are_valid()
    {
        var options = new TriageOptions();

        Assert.True(new TriageOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(50, options.Sandbox.PreviewLimit);
        Assert.Equal(1024 * 1024, options.Sandbox.MaxEmailBytes);
    }
}
