using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parley.Core.Configuration;

namespace Parley.Core.Tests.Configuration;

public sealed class ConfigurationProblemsTests
{
    public sealed class SampleOptions
    {
        [Range(1, 100)]
        public int Count { get; set; } = 5;

        [RegularExpression("^(a|b)$", ErrorMessage = "must be 'a' or 'b'")]
        public string Mode { get; set; } = "a";

        public bool Enabled { get; set; }

        public NestedOptions Nested { get; set; } = new();
    }

    public sealed class NestedOptions
    {
        public int Size { get; set; } = 1;
    }

    public sealed class OtherOptions
    {
        public string? Url { get; set; }
    }

    private sealed class OtherRule : IValidateOptions<OtherOptions>
    {
        public ValidateOptionsResult Validate(string? name, OtherOptions options) =>
            options.Url is null ? ValidateOptionsResult.Fail("Other:Url: required") : ValidateOptionsResult.Success;
    }

    private static IReadOnlyList<string> ProblemsOf(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddValidatedOptions<SampleOptions>(configuration, "Sample");
        services.AddValidatedOptions<OtherOptions>(configuration, "Other");
        services.AddSingleton<IValidateOptions<OtherOptions>, OtherRule>();
        using var provider = services.BuildServiceProvider();
        return ConfigurationProblems.Find(provider, configuration);
    }

    [Fact]
    public void Valid_configuration_has_no_problems()
    {
        Assert.Empty(ProblemsOf(new() { ["Sample:Count"] = "7", ["Other:Url"] = "http://x" }));
    }

    [Fact]
    public void Every_problem_is_reported_at_once_each_naming_its_key()
    {
        var problems = ProblemsOf(new()
        {
            ["Sample:Count"] = "abc",
            ["Sample:Enabled"] = "perhaps",
            ["Sample:Nested:Size"] = "big",
            ["Sample:Colour"] = "blue",
        });

        Assert.Contains(problems, p => p.StartsWith("Sample:Count: 'abc' is not a valid whole number", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Sample:Enabled: 'perhaps' is not a valid boolean", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Sample:Nested:Size:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Sample:Colour: unknown setting", StringComparison.Ordinal));
        Assert.Contains("Other:Url: required", problems);
    }

    [Fact]
    public void Range_and_pattern_rules_name_the_key_and_the_reason()
    {
        var problems = ProblemsOf(new() { ["Sample:Count"] = "1000", ["Sample:Mode"] = "c", ["Other:Url"] = "http://x" });

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("Sample:Count:", StringComparison.Ordinal) && p.Contains("between 1 and 100", StringComparison.Ordinal));
        Assert.Contains("Sample:Mode: must be 'a' or 'b'", problems);
    }
}
