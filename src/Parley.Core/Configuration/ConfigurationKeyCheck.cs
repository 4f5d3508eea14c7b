using System.Collections;
using System.ComponentModel;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Parley.Core.Configuration;

/// <summary>
/// Walks one configuration section against its options type before binding, so every value
/// that will not convert and every key nothing reads (a typo) is reported, not just the first.
/// </summary>
internal static class ConfigurationKeyCheck
{
    /// <summary>Adds problems for <paramref name="section"/>; false when a value will not convert, so binding would throw.</summary>
    public static bool Check(IConfigurationSection section, Type type, List<string> problems, ISet<string> sectionsOfTheirOwn, string? displayPath = null)
    {
        // Keys are case-insensitive; messages use the documented spelling.
        displayPath ??= section.Path;
        var convertible = true;
        // A property renamed with [ConfigurationKeyName] (snake_case YAML keys) is read under that name only.
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite || IsComplex(p.PropertyType))
            .ToDictionary(KeyOf, StringComparer.OrdinalIgnoreCase);

        foreach (var child in section.GetChildren())
        {
            if (sectionsOfTheirOwn.Contains(child.Path))
            {
                continue;
            }
            if (!properties.TryGetValue(child.Key, out var property))
            {
                problems.Add($"{displayPath}:{child.Key}: unknown setting (check the spelling; see docs/configuration.md)");
                continue;
            }
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var path = displayPath + ":" + (property.GetCustomAttribute<ConfigurationKeyNameAttribute>() is null ? property.Name : child.Key);
            if (IsScalar(propertyType))
            {
                if (child.Value is null)
                {
                    if (child.GetChildren().Any())
                    {
                        problems.Add($"{path}: expected a single value, found a section");
                    }
                    continue;
                }
                if (!Converts(child.Value, propertyType))
                {
                    convertible = false;
                    problems.Add($"{path}: '{child.Value}' is not a valid {Describe(propertyType)}");
                }
            }
            else if (IsCollection(propertyType))
            {
                // Lists and dictionaries take keys of their own. Items that are sections (a list of accounts) are
                // checked like any section, because the binder drops an item it cannot convert without a word.
                if (ItemType(propertyType) is { } itemType && IsComplex(itemType) && !IsCollection(itemType))
                {
                    foreach (var item in child.GetChildren())
                    {
                        convertible &= Check(item, itemType, problems, sectionsOfTheirOwn, path + ":" + item.Key);
                    }
                }
            }
            else
            {
                convertible &= Check(child, propertyType, problems, sectionsOfTheirOwn, path);
            }
        }
        return convertible;
    }

    private static string KeyOf(PropertyInfo property) =>
        property.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name ?? property.Name;

    // A type with a converter of its own (a duration written "24h") is one value, like the built-in scalars.
    private static bool IsScalar(Type type) =>
        type.GetCustomAttribute<TypeConverterAttribute>() is not null
        || type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
        || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(Guid) || type == typeof(Uri);

    private static Type? ItemType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.IsGenericType && type.GetGenericArguments().Length == 1 ? type.GetGenericArguments()[0]
        : null;

    private static bool IsCollection(Type type) => type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type);

    private static bool IsComplex(Type type) => !IsScalar(Nullable.GetUnderlyingType(type) ?? type);

    private static bool Converts(string value, Type type)
    {
        try
        {
            TypeDescriptor.GetConverter(type).ConvertFromInvariantString(value);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or NotSupportedException or ArgumentException or OverflowException
            || ex.InnerException is FormatException or OverflowException)
        {
            return false;
        }
    }

    private static string Describe(Type type) => type switch
    {
        _ when type == typeof(int) || type == typeof(long) || type == typeof(short) => "whole number",
        _ when type == typeof(bool) => "boolean (true or false)",
        _ when type == typeof(double) || type == typeof(decimal) || type == typeof(float) => "number",
        _ when type == typeof(TimeSpan) => "duration (hh:mm:ss)",
        _ when type.IsEnum => "value (one of " + string.Join(", ", Enum.GetNames(type)) + ")",
        _ => type.Name,
    };
}
