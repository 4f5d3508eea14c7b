using Parley.Core.Accounts;

namespace Parley.Core.Tests.Accounts;

public sealed class AuthOptionsValidatorTests
{
    [Fact]
    public void The_defaults_are_valid() =>
        Assert.True(new AuthOptionsValidator().Validate(null, new AuthOptions()).Succeeded);

    [Fact]
    public void Nested_argon2_and_lockout_values_are_checked_and_named_by_key()
    {
        var options = new AuthOptions
        {
            Argon2 = new Argon2Options { MemoryKiB = 16, Lanes = 4, Iterations = 0 },
            Lockout = new LockoutOptions { MaxFailures = 0 },
        };
        var result = new AuthOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Contains(failures, f => f.StartsWith("Auth:Argon2:Iterations:", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Auth:Lockout:MaxFailures:", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Auth:Argon2:MemoryKiB:", StringComparison.Ordinal));
    }
}
