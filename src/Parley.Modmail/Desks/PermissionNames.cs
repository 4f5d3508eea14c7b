using System.Text.Json;
using System.Text.RegularExpressions;

namespace Parley.Modmail.Desks;

/// <summary>
/// Permission names as categories require them and the panel grants them: the panel's own (<c>view_tickets</c>, …) or
/// a category's custom one (<c>billing</c>) — lower case letters, digits, <c>_ . -</c>, 1–64 characters. Stored as a
/// JSON array (<c>ticket_categories.required_permissions</c>, copied to <c>threads.required_permissions</c>).
/// </summary>
internal static partial class PermissionNames
{
    public const int MaxPerCategory = 10;

    [GeneratedRegex("^[a-z0-9][a-z0-9_.-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    /// <summary>The names of a stored array; an unreadable or empty value requires nothing.</summary>
    public static IReadOnlyList<string> Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }
        try
        {
            return JsonSerializer.Deserialize<List<string>>(json) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>The stored form: null for none, else a sorted JSON array (so equal sets are equal strings).</summary>
    public static string? Serialize(IEnumerable<string>? names)
    {
        var list = names?.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList() ?? [];
        return list.Count == 0 ? null : JsonSerializer.Serialize(list);
    }
}
