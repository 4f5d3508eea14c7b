namespace Parley.Chat.Groups;

/// <summary>Roles inside a group or a channel (<c>group_members.role</c>, <c>channel_members.role</c>).</summary>
internal static class GroupRoles
{
    public const string Member = "member";
    public const string Admin = "admin";
    public const string Owner = "owner";
}
