using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Parley.Core.Accounts;

namespace Parley.Core.Tests.Accounts;

public sealed class PasswordHasherTests
{
    private static PasswordHasher Hasher(int memoryKiB = 1024, int iterations = 1, int lanes = 1) =>
        new(new StaticOptions(new AuthOptions { Argon2 = new Argon2Options { MemoryKiB = memoryKiB, Iterations = iterations, Lanes = lanes } }));

    [Fact]
    public async Task A_hash_is_a_phc_string_with_the_configured_cost_a_16_byte_salt_and_a_32_byte_hash()
    {
        var phc = await Hasher(memoryKiB: 2048, iterations: 2, lanes: 2).HashAsync("correct horse");

        var match = Regex.Match(phc, @"^\$argon2id\$v=19\$m=2048,t=2,p=2\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$");
        Assert.True(match.Success, phc);
        Assert.Equal(16, Convert.FromBase64String(match.Groups[1].Value + "==").Length);
        Assert.Equal(32, Convert.FromBase64String(match.Groups[2].Value + "=").Length);
    }

    [Fact]
    public void The_defaults_are_64_MiB_3_iterations_4_lanes()
    {
        var defaults = new AuthOptions().Argon2;
        Assert.Equal((65536, 3, 4), (defaults.MemoryKiB, defaults.Iterations, defaults.Lanes));
    }

    [Fact]
    public async Task Verification_accepts_the_password_and_rejects_others()
    {
        var hasher = Hasher();
        var phc = await hasher.HashAsync("correct horse");
        Assert.True(await hasher.VerifyAsync("correct horse", phc));
        Assert.False(await hasher.VerifyAsync("correct horse ", phc));
        Assert.False(await hasher.VerifyAsync("", phc));
    }

    [Fact]
    public async Task Verification_uses_the_cost_stored_in_the_hash_not_the_current_settings()
    {
        var phc = await Hasher(memoryKiB: 2048, iterations: 2, lanes: 2).HashAsync("correct horse");
        Assert.True(await Hasher(memoryKiB: 1024, iterations: 1, lanes: 1).VerifyAsync("correct horse", phc));
    }

    [Fact]
    public async Task The_same_password_hashes_differently_each_time()
    {
        var hasher = Hasher();
        Assert.NotEqual(await hasher.HashAsync("correct horse"), await hasher.HashAsync("correct horse"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("$argon2i$v=19$m=1024,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("$argon2id$v=19$m=1024,t=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("$argon2id$v=19$m=1024,t=1,p=1$***$aGFzaGhhc2hoYXNoaGFzaA")]
    public async Task Malformed_hashes_never_verify(string phc) =>
        Assert.False(await Hasher().VerifyAsync("anything", phc));

    private sealed class StaticOptions(AuthOptions value) : IOptionsMonitor<AuthOptions>
    {
        public AuthOptions CurrentValue => value;
        public AuthOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<AuthOptions, string?> listener) => null;
    }
}
