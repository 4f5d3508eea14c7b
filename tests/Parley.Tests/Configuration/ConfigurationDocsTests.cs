using System.Reflection;
using Parley.Core.Configuration;

namespace Parley.Tests.Configuration;

public sealed class ConfigurationDocsTests
{
    [Fact]
    public void Every_setting_parley_reads_is_documented_in_the_configuration_reference()
    {
        var builder = ParleyHost.CreateBuilder([]);
        var sections = builder.Services
            .Where(d => d.ServiceType == typeof(ConfigSection))
            .Select(d => (ConfigSection)d.ImplementationInstance!)
            .ToList();
        Assert.NotEmpty(sections);

        var reference = File.ReadAllText(FindDocs("configuration.md"));
        var missing = sections
            .SelectMany(s => KeysOf(s.Name, s.OptionsType))
            .Where(key => !reference.Contains("`" + key + "`", StringComparison.Ordinal))
            .ToList();

        Assert.True(missing.Count == 0, "undocumented settings: " + string.Join(", ", missing));
    }

    private static IEnumerable<string> KeysOf(string prefix, Type type)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var key = prefix + ":" + property.Name;
            if (propertyType.IsClass && propertyType != typeof(string) && propertyType.Namespace?.StartsWith("Parley", StringComparison.Ordinal) == true)
            {
                foreach (var nested in KeysOf(key, propertyType))
                {
                    yield return nested;
                }
            }
            else if (property.CanWrite)
            {
                yield return key;
            }
        }
    }

    private static string FindDocs(string name)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "docs", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException("docs/" + name + " not found above " + AppContext.BaseDirectory);
    }
}
