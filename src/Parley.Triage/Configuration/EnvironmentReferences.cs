using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace Parley.Triage.Configuration;

/// <summary>
/// Mailpilot's <c>${ENV_VAR}</c>: any string in the <c>triage:</c> section may name environment variables, so secrets
/// (passwords, refresh tokens, API keys, webhook headers) stay out of the file. Every reference to an unset variable is a
/// start-up error naming the key; values are never logged.
/// </summary>
internal static partial class EnvironmentReferences
{
    /// <summary>Replaces every <c>${NAME}</c> in every string of <paramref name="options"/> whose variable is set.</summary>
    public static void Resolve(TriageOptions options) =>
        Walk(options, TriageOptions.Section, (value, _) => Pattern().Replace(value, m => Environment.GetEnvironmentVariable(m.Groups[1].Value) ?? m.Value));

    /// <summary>One problem per reference to an unset variable, named by key.</summary>
    public static List<string> Unset(TriageOptions options)
    {
        var problems = new List<string>();
        Walk(options, TriageOptions.Section, (value, path) =>
        {
            foreach (Match m in Pattern().Matches(value))
            {
                if (Environment.GetEnvironmentVariable(m.Groups[1].Value) is null)
                {
                    problems.Add($"{path}: environment variable {m.Groups[1].Value} is not set");
                }
            }
            return value;
        });
        return problems;
    }

    /// <summary>Visits every string (properties, list items, dictionary values) with its configuration path, storing what the visitor returns.</summary>
    private static void Walk(object node, string path, Func<string, string, string> visit)
    {
        foreach (var property in node.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0)
            {
                continue;
            }
            var key = path + ":" + (property.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name ?? property.Name);
            var value = property.GetValue(node);
            switch (value)
            {
                case string text when property.CanWrite:
                    property.SetValue(node, visit(text, key));
                    break;
                case List<string> items:
                    for (var i = 0; i < items.Count; i++)
                    {
                        items[i] = visit(items[i], key + ":" + i);
                    }
                    break;
                case Dictionary<string, string> map:
                    foreach (var name in map.Keys.ToList())
                    {
                        map[name] = visit(map[name], key + ":" + name);
                    }
                    break;
                case IList list when value.GetType().IsGenericType && IsOptionsClass(value.GetType().GetGenericArguments()[0]):
                    for (var i = 0; i < list.Count; i++)
                    {
                        if (list[i] is { } item)
                        {
                            Walk(item, key + ":" + i, visit);
                        }
                    }
                    break;
                case { } child when IsOptionsClass(child.GetType()):
                    Walk(child, key, visit);
                    break;
            }
        }
    }

    private static bool IsOptionsClass(Type type) => type.IsClass && type.Namespace == typeof(TriageOptions).Namespace;

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
