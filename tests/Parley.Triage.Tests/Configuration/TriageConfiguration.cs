using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Parley.Core.Configuration;
using Parley.Triage.Configuration;

namespace Parley.Triage.Tests.Configuration;

/// <summary>A <c>parley.yaml</c> read the way Parley reads it, with only Triage's options registered.</summary>
internal sealed class TriageConfiguration : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "triage-config-" + Guid.NewGuid().ToString("N"));
    private readonly ServiceProvider _services;
    private readonly IConfiguration _configuration;

    public TriageConfiguration(string yaml)
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(Path.Combine(_directory, "parley.yaml"), yaml);
        _configuration = new ConfigurationBuilder()
            .Add(new YamlConfigurationSource { Path = "parley.yaml", FileProvider = new PhysicalFileProvider(_directory), Optional = false })
            .Build();
        _services = new ServiceCollection().AddTriageOptions(_configuration).BuildServiceProvider();
    }

    /// <summary>What start-up (and <c>parley config check</c>) would report.</summary>
    public IReadOnlyList<string> Problems() => ConfigurationProblems.Find(_services, _configuration);

    /// <summary>The options as services get them (environment references resolved).</summary>
    public TriageOptions Options() => _services.GetRequiredService<IOptions<TriageOptions>>().Value;

    public void Dispose()
    {
        _services.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
