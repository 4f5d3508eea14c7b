using Microsoft.Extensions.Configuration;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Parley.Core.Configuration;

/// <summary>Reads <c>parley.yaml</c> into configuration keys (<c>storage: {provider: x}</c> becomes <c>Storage:Provider</c>).</summary>
public sealed class YamlConfigurationSource : FileConfigurationSource
{
    public override IConfigurationProvider Build(IConfigurationBuilder builder)
    {
        EnsureDefaults(builder);
        return new YamlConfigurationProvider(this);
    }
}

public sealed class YamlConfigurationProvider(YamlConfigurationSource source) : FileConfigurationProvider(source)
{
    public override void Load(Stream stream)
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var yaml = new YamlStream();
        try
        {
            using var reader = new StreamReader(stream);
            yaml.Load(reader);
        }
        catch (YamlException ex)
        {
            throw new FormatException($"{Source.Path}: line {ex.Start.Line}, column {ex.Start.Column}: {ex.InnerException?.Message ?? ex.Message}", ex);
        }
        if (yaml.Documents.Count > 0)
        {
            Flatten(yaml.Documents[0].RootNode, "", data);
        }
        Data = data;
    }

    private static void Flatten(YamlNode node, string prefix, Dictionary<string, string?> data)
    {
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    var name = ((YamlScalarNode)key).Value ?? "";
                    Flatten(value, prefix.Length == 0 ? name : prefix + ConfigurationPath.KeyDelimiter + name, data);
                }
                break;
            case YamlSequenceNode sequence:
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    Flatten(sequence.Children[i], prefix + ConfigurationPath.KeyDelimiter + i.ToString(System.Globalization.CultureInfo.InvariantCulture), data);
                }
                break;
            case YamlScalarNode scalar:
                data[prefix] = scalar.Value is "~" or "null" ? null : scalar.Value;
                break;
        }
    }
}

public static class ParleyConfigurationSources
{
    /// <summary>
    /// Adds, in rising precedence: the optional <c>parley.yaml</c> of the working directory (or
    /// the file named by <c>--config</c> or <c>PARLEY_CONFIG</c>, which must exist) and
    /// <c>PARLEY__…</c> environment variables; command-line arguments stay last.
    /// </summary>
    public static void AddParleySources(this IConfigurationManager configuration, string[] args)
    {
        var path = ConfigFileArgument(args) ?? Environment.GetEnvironmentVariable("PARLEY_CONFIG");
        var explicitPath = !string.IsNullOrEmpty(path);
        path = Path.GetFullPath(explicitPath ? path! : "parley.yaml");
        configuration.Add(new YamlConfigurationSource
        {
            Path = Path.GetFileName(path),
            Optional = !explicitPath,
            ReloadOnChange = false,
            FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(Path.GetDirectoryName(path)!),
        });
        configuration.AddEnvironmentVariables("PARLEY__");
        configuration.AddCommandLine(args);
    }

    private static string? ConfigFileArgument(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--config=", StringComparison.Ordinal))
            {
                return args[i]["--config=".Length..];
            }
            if (args[i] == "--config" && i + 1 < args.Length)
            {
                return args[i + 1];
            }
        }
        return null;
    }
}
