namespace Parley.Chat.Communities;

internal sealed record CommunityView(
    Guid Id, string Name, string? Description, string? IconUrl, string? BannerUrl, string? AccentColor, Guid OwnerId,
    bool Discoverable, string? WelcomeMessage, string WhoCanCreateGroups, string WhoCanCreateInvites,
    DateTime CreatedAt, DateTime UpdatedAt, string? MyRole)
{
    public static CommunityView From(Community c, string? myRole) => new(
        c.Id, c.Name, c.Description, c.IconUrl, c.BannerUrl, c.AccentColor, c.OwnerId, c.Discoverable, c.WelcomeMessage,
        c.WhoCanCreateGroups, c.WhoCanCreateInvites, c.CreatedAt, c.UpdatedAt, myRole);
}

/// <summary>A community member; <c>is_bot</c> is filled in the member list (a bot account the server acts as).</summary>
internal sealed record MemberView(Guid UserId, string Role, string? Nickname, DateTime JoinedAt, bool IsBot = false)
{
    public static MemberView From(CommunityMember m) => new(m.UserId, m.Role, m.Nickname, m.JoinedAt);
}

internal sealed record InviteView(Guid Id, Guid CommunityId, string Code, Guid CreatedBy, int? MaxUses, int UsedCount, DateTime? ExpiresAt, DateTime CreatedAt)
{
    public static InviteView From(CommunityInvite i) => new(i.Id, i.CommunityId, i.Code, i.CreatedBy, i.MaxUses, i.UsedCount, i.ExpiresAt, i.CreatedAt);
}

internal sealed record CreateCommunityRequest(string? Name, string? Description, string? IconUrl, string? BannerUrl, string? AccentColor, bool? Discoverable, string? WelcomeMessage);

/// <summary>Fields left out (null) stay as they are.</summary>
internal sealed record UpdateCommunityRequest(
    string? Name, string? Description, string? IconUrl, string? BannerUrl, string? AccentColor, bool? Discoverable,
    string? WelcomeMessage, string? WhoCanCreateGroups, string? WhoCanCreateInvites, string? CommunityTheme);

internal sealed record CreateInviteRequest(int? MaxUses, int? ExpiresInSeconds);

internal sealed record SetRoleRequest(string? Role);

internal sealed record SetNicknameRequest(string? Nickname);

internal sealed record BanRequest(Guid? UserId, string? Reason);

internal sealed record TransferOwnershipRequest(Guid? UserId);
