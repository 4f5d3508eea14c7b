namespace Parley.Chat.Messages;

/// <summary>Who a message mentions: users by name, and the channel-wide <c>@everyone</c> / <c>@here</c>.</summary>
public sealed record Mentions(IReadOnlyList<string> Usernames, bool Everyone, bool Here)
{
    public static readonly Mentions None = new([], false, false);
}
