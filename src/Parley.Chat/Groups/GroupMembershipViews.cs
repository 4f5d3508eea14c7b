namespace Parley.Chat.Groups;

/// <summary>A member of a group.</summary>
public sealed record GroupMemberView(Guid GroupId, Guid UserId, string Role, DateTime JoinedAt)
{
    internal static GroupMemberView From(GroupMember m) => new(m.GroupId, m.UserId, m.Role, m.JoinedAt);
}

/// <summary>The <c>group.member_left</c> event.</summary>
public sealed record GroupMemberLeft(Guid GroupId, Guid UserId);

/// <summary>A new role for a group member: owner, admin or member.</summary>
public sealed record SetGroupRoleRequest(string? Role);
