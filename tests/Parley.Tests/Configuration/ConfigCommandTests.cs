using Parley.Tests.Cli;

namespace Parley.Tests.Configuration;

[Collection(ConsoleCollection.Name)]
public sealed class ConfigCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("parley-config-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string DataArgument => "--Storage:DataDirectory=" + Path.Combine(_directory, "data");

    private string WriteYaml(string yaml)
    {
        var path = Path.Combine(_directory, "parley.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public async Task Config_check_accepts_the_defaults()
    {
        var run = await CliRun.RunAsync("config", "check", DataArgument);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Configuration is valid.", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_check_prints_every_problem_at_once_and_exits_2()
    {
        var yaml = WriteYaml("""
            storage:
              provider: mysql
              busyTimeoutMilliseconds: soon
            http:
              requestsPerMinute: 0
            """);

        var run = await CliRun.RunAsync("config", "check", "--config", yaml, DataArgument);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Storage:BusyTimeoutMilliseconds: 'soon' is not a valid whole number", run.Error, StringComparison.Ordinal);
        Assert.Contains("Http:RequestsPerMinute:", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Postgres_without_a_connection_string_is_a_problem()
    {
        var run = await CliRun.RunAsync("config", "check", "--Storage:Provider=postgres", DataArgument);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Storage:ConnectionString: required when Storage:Provider is 'postgres'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_config_file_stops_start_up_with_a_message_naming_the_key()
    {
        var yaml = WriteYaml("storage:\n  provider: oracle\n");

        var run = await CliRun.RunAsync("serve", "--config", yaml, DataArgument);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Storage:Provider: must be 'sqlite' or 'postgres'", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_directory, "data", "core.db")), "nothing may be written when start-up is refused");
    }

    [Fact]
    public async Task A_config_file_that_does_not_parse_stops_start_up_with_its_line()
    {
        var yaml = WriteYaml("storage:\n  provider: [sqlite\n");

        var run = await CliRun.RunAsync("serve", "--config", yaml, DataArgument);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("parley.yaml: line", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_named_config_file_that_is_missing_is_an_error()
    {
        var run = await CliRun.RunAsync("config", "check", "--config", Path.Combine(_directory, "absent.yaml"), DataArgument);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("absent.yaml", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_verb_is_bad_input()
    {
        var run = await CliRun.RunAsync("frobnicate", "--now");

        // Unknown tokens go to serve as configuration overrides, so a verb typo must still be caught.
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("parley:", run.Error, StringComparison.Ordinal);
    }
}
