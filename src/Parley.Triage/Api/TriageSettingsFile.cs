using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Parley.Core.Configuration;
using Parley.Core.Storage;
using Parley.Triage.Configuration;

namespace Parley.Triage.Api;

/// <summary>
/// The settings page's copy of the <c>triage:</c> section: <c>triage-settings.yaml</c> in the data directory. Once
/// written it <b>replaces</b> parley.yaml's <c>triage:</c> section as a whole (see <see cref="TriageSettingsOverride"/>):
/// layering key by key would merge lists by index, so an account or rule deleted on the page would come back from
/// parley.yaml. Read at start (it survives restarts) and after each save, which signals
/// <see cref="IOptionsMonitor{TriageOptions}"/> to rebuild.
/// </summary>
internal sealed class TriageSettingsFile
{
    public const string FileName = "triage-settings.yaml";

    private readonly string _directory;
    private CancellationTokenSource _changed = new();

    public TriageSettingsFile(IOptions<StorageOptions> storage)
    {
        _directory = storage.Value.FullDataDirectory;
        Current = Load(FileName);
    }

    /// <summary>Serializes writers: one settings change at a time.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public string FullPath => Path.Combine(_directory, FileName);

    /// <summary>The override's <c>Triage</c> section, or null when the page has never saved (parley.yaml rules).</summary>
    public IConfigurationSection? Current { get; private set; }

    public IChangeToken ChangeToken => new CancellationChangeToken(_changed.Token);

    /// <summary>Parses YAML text with Core's provider (the same reader as parley.yaml); FormatException names line and column.</summary>
    public IConfigurationRoot Parse(string yaml)
    {
        Directory.CreateDirectory(_directory);
        // Not a dot-file: PhysicalFileProvider hides those.
        var candidate = $"{FileName}.{Guid.NewGuid():N}.candidate";
        var path = Path.Combine(_directory, candidate);
        File.WriteAllText(path, yaml);
        try
        {
            return Build(candidate);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Writes the file atomically (it holds secrets: owner-only on Unix), reloads it and signals the change.</summary>
    public void Save(string yaml)
    {
        Directory.CreateDirectory(_directory);
        var temporary = FullPath + ".tmp";
        File.WriteAllText(temporary, yaml);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        File.Move(temporary, FullPath, overwrite: true);
        Current = Load(FileName);
        var previous = Interlocked.Exchange(ref _changed, new CancellationTokenSource());
        previous.Cancel();
        previous.Dispose();
    }

    private IConfigurationSection? Load(string fileName) =>
        File.Exists(Path.Combine(_directory, fileName)) ? Build(fileName).GetSection(TriageOptions.Section) : null;

    private IConfigurationRoot Build(string fileName) =>
        new ConfigurationBuilder().Add(new YamlConfigurationSource
        {
            Path = fileName,
            Optional = false,
            ReloadOnChange = false,
            FileProvider = new PhysicalFileProvider(_directory),
        }).Build();
}

/// <summary>
/// Puts <see cref="TriageSettingsFile"/> into the options pipeline: when the page has saved, <see cref="TriageOptions"/>
/// is bound from it alone (after parley.yaml's binding, before <c>${ENV}</c> resolution and validation), and each save
/// makes <see cref="IOptionsMonitor{TriageOptions}"/> rebuild <c>CurrentValue</c> and fire <c>OnChange</c>.
/// </summary>
internal sealed class TriageSettingsOverride(TriageSettingsFile file) : IConfigureOptions<TriageOptions>, IOptionsChangeTokenSource<TriageOptions>
{
    public string Name => Options.DefaultName;

    public IChangeToken GetChangeToken() => file.ChangeToken;

    public void Configure(TriageOptions options)
    {
        if (file.Current is not { } section)
        {
            return;
        }
        var replacement = new TriageOptions();
        section.Bind(replacement);
        foreach (var property in typeof(TriageOptions).GetProperties().Where(p => p.CanWrite))
        {
            property.SetValue(options, property.GetValue(replacement));
        }
    }
}
