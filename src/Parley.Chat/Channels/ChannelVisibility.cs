using Parley.Chat.Storage;
using Parley.Core.Security;

namespace Parley.Chat.Channels;

/// <summary>
/// Who may know a channel exists. Every channel of a community is visible to its members, except a private
/// channel (<see cref="Channel.IsPrivate"/>), which only its <c>channel_members</c> see — community moderators,
/// admins and the owner included. Listings filter with <see cref="VisibleTo"/>; single-channel paths answer a
/// hidden channel with <see cref="Hidden"/>, the same refusal as an id that does not exist.
/// </summary>
internal static class ChannelVisibility
{
    /// <summary>What a caller who is not in a private channel is told about it: that there is no such channel.</summary>
    public static Refusal Hidden() => Refusal.NotFound("channel_not_found", "No such channel.");

    /// <summary>The channels of <paramref name="channels"/> that <paramref name="userId"/> may see.</summary>
    public static IQueryable<Channel> VisibleTo(this IQueryable<Channel> channels, ChatDbContext db, Guid userId) =>
        channels.Where(c => !c.IsPrivate || db.ChannelMembers.Any(m => m.ChannelId == c.Id && m.UserId == userId));
}
