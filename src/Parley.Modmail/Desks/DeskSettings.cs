using System.Text.Json;
using System.Text.Json.Serialization;
using Parley.Chat.Communities;

namespace Parley.Modmail.Desks;

/// <summary>A desk's settings as the panel shows them (<c>GET /api/modmail/desks/{id}</c>).</summary>
internal sealed record DeskView(
    Guid Id,
    Guid? CommunityId,
    Guid StaffCommunityId,
    string Mode,
    bool Enabled,
    Guid BotUserId,
    Guid? TicketsGroupId,
    string StaffRole,
    string Prefix,
    string WelcomeMessage,
    string ClosingMessage,
    string? StatusText,
    string AnonymousName,
    bool CategorySelection,
    JsonElement Features,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    public static DeskView From(SupportDesk d) => new(
        d.Id, d.CommunityId, d.StaffCommunityId, d.Mode, d.Enabled, d.BotUserId, d.TicketsGroupId, d.StaffRole, d.Prefix,
        d.WelcomeMessage, d.ClosingMessage, d.StatusText, d.AnonymousName, d.CategorySelection, ParseFeatures(d.Features), d.CreatedAt, d.UpdatedAt);

    private static JsonElement ParseFeatures(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            using var empty = JsonDocument.Parse("{}");
            return empty.RootElement.Clone();
        }
    }
}

/// <summary>
/// <c>PATCH /api/modmail/desks/{id}</c>: only the fields present change. <c>status_text</c> set to <c>""</c> clears it.
/// <c>features</c> replaces the whole object.
/// </summary>
internal sealed record DeskSettingsPatch(
    string? Prefix,
    string? WelcomeMessage,
    string? ClosingMessage,
    string? StatusText,
    string? AnonymousName,
    string? StaffRole,
    bool? CategorySelection,
    JsonElement? Features,
    bool? Enabled);

/// <summary>The rules of a desk's live settings; a patch that breaks one changes nothing.</summary>
internal static class DeskSettings
{
    public const int MaxPrefixLength = 8;
    public const int MaxStatusLength = 128;
    public const int MaxAnonymousNameLength = 64;
    public const int MaxFeaturesBytes = 8192;

    /// <summary>Roles that may be a desk's lowest staff role: never plain members.</summary>
    public static readonly IReadOnlyList<string> StaffRoles = ["moderator", "admin", "owner"];

    public static Dictionary<string, string[]> Apply(SupportDesk desk, DeskSettingsPatch patch, int maxMessageLength, DateTime now)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (patch.Prefix is { } prefix && (prefix.Length is 0 or > MaxPrefixLength || prefix.Any(char.IsWhiteSpace)))
        {
            errors["prefix"] = [$"1 to {MaxPrefixLength} characters, no spaces."];
        }
        CheckText(errors, "welcome_message", patch.WelcomeMessage, maxMessageLength);
        CheckText(errors, "closing_message", patch.ClosingMessage, maxMessageLength);
        if (patch.StatusText is { Length: > MaxStatusLength })
        {
            errors["status_text"] = [$"At most {MaxStatusLength} characters."];
        }
        if (patch.AnonymousName is { } anonymous && (string.IsNullOrWhiteSpace(anonymous) || anonymous.Length > MaxAnonymousNameLength))
        {
            errors["anonymous_name"] = [$"1 to {MaxAnonymousNameLength} characters."];
        }
        if (patch.StaffRole is { } role && !StaffRoles.Contains(role, StringComparer.Ordinal))
        {
            errors["staff_role"] = ["One of moderator, admin, owner."];
        }
        string? features = null;
        if (patch.Features is { } json)
        {
            if (json.ValueKind != JsonValueKind.Object)
            {
                errors["features"] = ["A JSON object."];
            }
            else
            {
                features = json.GetRawText();
                if (features.Length > MaxFeaturesBytes)
                {
                    errors["features"] = [$"At most {MaxFeaturesBytes} characters of JSON."];
                }
            }
        }
        if (errors.Count > 0)
        {
            return errors;
        }

        desk.Prefix = patch.Prefix ?? desk.Prefix;
        desk.WelcomeMessage = patch.WelcomeMessage ?? desk.WelcomeMessage;
        desk.ClosingMessage = patch.ClosingMessage ?? desk.ClosingMessage;
        if (patch.StatusText is not null)
        {
            desk.StatusText = patch.StatusText.Length == 0 ? null : patch.StatusText;
        }
        desk.AnonymousName = patch.AnonymousName?.Trim() ?? desk.AnonymousName;
        desk.StaffRole = patch.StaffRole ?? desk.StaffRole;
        desk.CategorySelection = patch.CategorySelection ?? desk.CategorySelection;
        desk.Features = features ?? desk.Features;
        desk.Enabled = patch.Enabled ?? desk.Enabled;
        desk.UpdatedAt = now;
        return errors;
    }

    private static void CheckText(Dictionary<string, string[]> errors, string field, string? value, int max)
    {
        if (value is not null && (string.IsNullOrWhiteSpace(value) || value.Length > max))
        {
            errors[field] = [$"1 to {max} characters."];
        }
    }

    /// <summary>Whether a role name is one of Chat's community roles (for role grants).</summary>
    public static bool IsCommunityRole(string? role) => CommunityDirectory.IsRole(role);
}
