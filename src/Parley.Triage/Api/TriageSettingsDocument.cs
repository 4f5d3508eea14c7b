using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Parley.Triage.Api;

/// <summary>
/// The <c>triage:</c> section as configuration keys (<c>Triage:accounts:0:imap:password</c> → value, as written: no
/// <c>${ENV}</c> resolved) and its two forms for the settings page, JSON and YAML. Secrets are masked on the way out
/// unless written as a <c>${ENV}</c> reference; a masked value sent back means "keep what is stored".
/// </summary>
internal static partial class TriageSettingsDocument
{
    public const string Mask = "********";
    private const string Root = "Triage";

    /// <summary>
    /// Keys whose values are secrets wherever they appear (<c>secret</c>: an account webhook's signing key); every value
    /// under a <c>headers</c> map is one too.
    /// </summary>
    private static readonly HashSet<string> SecretKeys = new(StringComparer.OrdinalIgnoreCase)
        { "password", "api_key", "oauth_client_secret", "oauth_refresh_token", "secret" };

    public static bool IsSecret(string key)
    {
        var parts = key.Split(':');
        return SecretKeys.Contains(parts[^1]) || (parts.Length > 1 && parts[^2].Equals("headers", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A secret shown as its <c>${ENV}</c> reference when it is exactly one, else masked.</summary>
    public static string? Shown(string key, string? value) =>
        value is null || !IsSecret(key) || EnvReference().IsMatch(value) ? value : Mask;

    /// <summary>Every leaf of <paramref name="section"/> by full key (prefixed <c>Triage:</c>).</summary>
    public static Dictionary<string, string?> Flatten(IConfigurationSection section)
    {
        var flat = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in section.AsEnumerable(makePathsRelative: true))
        {
            if (value is not null && key.Length > 0)
            {
                flat[Root + ":" + key] = value;
            }
        }
        return flat;
    }

    public static IConfigurationSection Section(Dictionary<string, string?> flat) =>
        new ConfigurationBuilder().AddInMemoryCollection(flat).Build().GetSection(Root);

    /// <summary>The section as JSON: objects, arrays (numbered keys) and string values as written.</summary>
    public static JsonObject ToJson(IConfigurationSection section, bool mask) => (JsonObject)JsonNodeOf(section, mask)!;

    private static JsonNode? JsonNodeOf(IConfigurationSection section, bool mask)
    {
        var children = section.GetChildren().ToList();
        if (children.Count == 0)
        {
            return section.Value is null ? (section.Path == Root ? new JsonObject() : null) : JsonValue.Create(mask ? Shown(section.Path, section.Value) : section.Value);
        }
        if (IsSequence(children))
        {
            return new JsonArray(children.OrderBy(c => int.Parse(c.Key, CultureInfo.InvariantCulture)).Select(c => JsonNodeOf(c, mask)).ToArray());
        }
        var obj = new JsonObject();
        foreach (var child in children)
        {
            obj[child.Key] = JsonNodeOf(child, mask);
        }
        return obj;
    }

    /// <summary>The section as a YAML document with <c>triage:</c> at its root, as in parley.yaml.</summary>
    public static string ToYaml(IConfigurationSection section, bool mask)
    {
        var root = new YamlMappingNode { { "triage", YamlNodeOf(section, mask) } };
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        var text = writer.ToString();
        // YamlStream ends a document with "...": not needed for one document.
        return text.EndsWith("...\n", StringComparison.Ordinal) || text.EndsWith("...\r\n", StringComparison.Ordinal) ? text[..text.LastIndexOf("...", StringComparison.Ordinal)] : text;
    }

    private static YamlNode YamlNodeOf(IConfigurationSection section, bool mask)
    {
        var children = section.GetChildren().ToList();
        if (children.Count == 0)
        {
            var value = mask ? Shown(section.Path, section.Value) : section.Value;
            return value is null
                ? (section.Path == Root ? new YamlMappingNode() : new YamlScalarNode("~"))
                : new YamlScalarNode(value) { Style = NeedsQuotes(value) ? ScalarStyle.DoubleQuoted : ScalarStyle.Any };
        }
        if (IsSequence(children))
        {
            return new YamlSequenceNode(children.OrderBy(c => int.Parse(c.Key, CultureInfo.InvariantCulture)).Select(c => YamlNodeOf(c, mask)));
        }
        var map = new YamlMappingNode();
        foreach (var child in children)
        {
            map.Add(child.Key, YamlNodeOf(child, mask));
        }
        return map;
    }

    // The YAML reader turns a plain ~ or null into null; a string that says so must stay a string.
    private static bool NeedsQuotes(string value) => value.Length == 0 || value is "~" or "null";

    private static bool IsSequence(List<IConfigurationSection> children) =>
        children.All(c => int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        && children.Select(c => int.Parse(c.Key, CultureInfo.InvariantCulture)).Order().SequenceEqual(Enumerable.Range(0, children.Count));

    /// <summary>A JSON object (the section's content) as configuration keys; numbers and booleans as their text.</summary>
    public static Dictionary<string, string?> FromJson(JsonElement json)
    {
        var flat = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        void Walk(JsonElement node, string path)
        {
            switch (node.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in node.EnumerateObject())
                    {
                        Walk(property.Value, path + ":" + property.Name);
                    }
                    break;
                case JsonValueKind.Array:
                    var i = 0;
                    foreach (var item in node.EnumerateArray())
                    {
                        Walk(item, path + ":" + (i++).ToString(CultureInfo.InvariantCulture));
                    }
                    break;
                case JsonValueKind.String:
                    flat[path] = node.GetString();
                    break;
                case JsonValueKind.Null:
                    break;
                default:
                    flat[path] = node.GetRawText();
                    break;
            }
        }
        Walk(json, Root);
        return flat;
    }

    /// <summary>
    /// Puts back each secret sent masked from <paramref name="stored"/>. Accounts and LLM providers are matched by
    /// <c>name</c>, not position, so deleting or reordering them never hands one account's password to another; an
    /// account's webhooks by <c>url</c> (by position only when the URL is new), so removing one keeps the next one's
    /// signing secret. Returns one problem per masked value with nothing stored to keep.
    /// </summary>
    public static List<string> RestoreMasked(Dictionary<string, string?> candidate, Dictionary<string, string?> stored)
    {
        var problems = new List<string>();
        foreach (var key in candidate.Where(kv => kv.Value == Mask).Select(kv => kv.Key).ToList())
        {
            var storedKey = StoredKey(key, candidate, stored);
            if (storedKey is not null && stored.TryGetValue(storedKey, out var value) && value is not null)
            {
                candidate[key] = value;
            }
            else
            {
                problems.Add($"{key}: is masked, but no value is stored for it; give the secret or a ${{ENV}} reference");
            }
        }
        return problems;
    }

    private static string? StoredKey(string key, Dictionary<string, string?> candidate, Dictionary<string, string?> stored)
    {
        var parts = key.Split(':');
        if (parts.Length > 3 && (parts[1].Equals("accounts", StringComparison.OrdinalIgnoreCase) || parts[1].Equals("llm_providers", StringComparison.OrdinalIgnoreCase)))
        {
            var list = parts[0] + ":" + parts[1];
            if (!candidate.TryGetValue($"{list}:{parts[2]}:name", out var name) || name is null)
            {
                return null;
            }
            for (var i = 0; stored.ContainsKey($"{list}:{i}:name") || stored.Keys.Any(k => k.StartsWith($"{list}:{i}:", StringComparison.OrdinalIgnoreCase)); i++)
            {
                if (stored.TryGetValue($"{list}:{i}:name", out var storedName) && string.Equals(storedName, name, StringComparison.Ordinal))
                {
                    var rest = parts[3..];
                    if (rest.Length > 2 && rest[0].Equals("webhooks", StringComparison.OrdinalIgnoreCase)
                        && StoredWebhook($"{list}:{parts[2]}:webhooks:{rest[1]}", $"{list}:{i}:webhooks", candidate, stored) is { } hook)
                    {
                        rest[1] = hook;
                    }
                    return $"{list}:{i}:{string.Join(':', rest)}";
                }
            }
            return null;
        }
        return key;
    }

    /// <summary>The stored index of the webhook with the candidate's URL, if one has it.</summary>
    private static string? StoredWebhook(string candidateHook, string storedHooks, Dictionary<string, string?> candidate, Dictionary<string, string?> stored)
    {
        if (!candidate.TryGetValue(candidateHook + ":url", out var url) || string.IsNullOrEmpty(url))
        {
            return null;
        }
        for (var k = 0; stored.Keys.Any(key => key.StartsWith($"{storedHooks}:{k}:", StringComparison.OrdinalIgnoreCase)); k++)
        {
            if (stored.TryGetValue($"{storedHooks}:{k}:url", out var storedUrl) && string.Equals(storedUrl, url, StringComparison.Ordinal))
            {
                return k.ToString(CultureInfo.InvariantCulture);
            }
        }
        return null;
    }

    [GeneratedRegex(@"^\$\{[A-Za-z_][A-Za-z0-9_]*\}$", RegexOptions.CultureInvariant)]
    private static partial Regex EnvReference();
}
