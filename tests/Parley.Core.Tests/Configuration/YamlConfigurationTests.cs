using System.Text;
using Microsoft.Extensions.Configuration;
using Parley.Core.Configuration;

namespace Parley.Core.Tests.Configuration;

public sealed class YamlConfigurationTests
{
    private static IConfigurationRoot Load(string yaml, IDictionary<string, string?>? overrides = null)
    {
        var directory = Directory.CreateTempSubdirectory("parley-yaml-").FullName;
        File.WriteAllText(Path.Combine(directory, "parley.yaml"), yaml, Encoding.UTF8);
        var builder = new ConfigurationBuilder()
            .Add(new YamlConfigurationSource
            {
                Path = "parley.yaml",
                FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(directory),
            });
        if (overrides is not null)
        {
            builder.AddInMemoryCollection(overrides);
        }
        return builder.Build();
    }

    [Fact]
    public void Nested_mappings_become_colon_separated_keys()
    {
        var configuration = Load("""
            storage:
              provider: postgres
              connectionString: "Host=db;Database=parley"
            http:
              requestsPerMinute: 120
            """);

        Assert.Equal("postgres", configuration["Storage:Provider"]);
        Assert.Equal("Host=db;Database=parley", configuration["Storage:ConnectionString"]);
        Assert.Equal("120", configuration["Http:RequestsPerMinute"]);
    }

    [Fact]
    public void Sequences_become_indexed_keys()
    {
        var configuration = Load("""
            webhooks:
              retrySchedule:
                - 30s
                - 2m
            """);

        Assert.Equal("30s", configuration["Webhooks:RetrySchedule:0"]);
        Assert.Equal("2m", configuration["Webhooks:RetrySchedule:1"]);
    }

    [Fact]
    public void A_later_source_wins_over_the_file()
    {
        var configuration = Load("storage:\n  provider: postgres\n", new Dictionary<string, string?> { ["Storage:Provider"] = "sqlite" });
        Assert.Equal("sqlite", configuration["Storage:Provider"]);
    }

    [Fact]
    public void A_file_that_does_not_parse_names_its_line()
    {
        var error = Assert.Throws<InvalidDataException>(() => Load("storage:\n  provider: [unclosed\n"));
        Assert.Contains("line", error.InnerException!.Message, StringComparison.Ordinal);
        Assert.Contains("parley.yaml", error.InnerException.Message, StringComparison.Ordinal);
    }
}
