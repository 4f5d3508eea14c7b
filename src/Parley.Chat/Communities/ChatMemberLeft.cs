namespace Parley.Chat.Communities;

/// <summary>
/// A member is out of a community — left, was kicked or was banned (<paramref name="How"/>: <c>left</c>, <c>kicked</c>,
/// <c>banned</c>). Published on Core's event bus after the commit; Modmail marks the member's tickets <c>user_left</c>.
/// </summary>
public sealed record ChatMemberLeft(Guid CommunityId, Guid UserId, string How);
