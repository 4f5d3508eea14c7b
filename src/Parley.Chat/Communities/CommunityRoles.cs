namespace Parley.Chat.Communities;

/// <summary>Roles inside a community, lowest first; a role may act on members ranked below it.</summary>
internal static class CommunityRoles
{
    public const string Member = "member";
    public const string Moderator = "moderator";
    public const string Admin = "admin";
    public const string Owner = "owner";

    public static readonly IReadOnlyList<string> All = [Member, Moderator, Admin, Owner];

    /// <summary>0 for member up to 3 for owner; -1 for anything else.</summary>
    public static int Rank(string? role) => role switch
    {
        Member => 0,
        Moderator => 1,
        Admin => 2,
        Owner => 3,
        _ => -1,
    };

    public static bool IsKnown(string? role) => Rank(role) >= 0;

    public static bool AtLeast(string? role, string required) => Rank(role) >= Rank(required);
}
