using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Audit;
using Parley.Core.Configuration;

namespace Parley.Core.Tests.Audit;

public sealed class AuditOptionsTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("36501")]
    public void A_retention_outside_one_day_to_a_hundred_years_is_a_configuration_problem(string days)
    {
        var problems = Problems(days);
        Assert.Contains(problems, p => p.StartsWith("Audit:RetentionDays", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("365")]
    [InlineData("36500")]
    public void A_retention_within_range_is_accepted(string days)
    {
        Assert.Empty(Problems(days));
    }

    private static IReadOnlyList<string> Problems(string days)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Audit:RetentionDays"] = days }).Build();
        var services = new ServiceCollection().AddValidatedOptions<AuditOptions>(configuration, AuditOptions.Section).BuildServiceProvider();
        return ConfigurationProblems.Find(services, configuration);
    }
}
