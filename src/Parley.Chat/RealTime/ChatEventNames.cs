namespace Parley.Chat.RealTime;

/// <summary>
/// The names of the events the hub pushes (the client method names): <c>connection.On("message.created", …)</c>.
/// Payloads are the same views the HTTP API returns. docs/chat.md lists them with their payloads.
/// </summary>
internal static class ChatEventNames
{
    public const string MessageCreated = "message.created";
    public const string MessageUpdated = "message.updated";
    public const string MessageDeleted = "message.deleted";
    public const string Mention = "mention";
    public const string Typing = "typing";
    public const string ChannelRemoved = "channel.removed";
    public const string ChannelAdded = "channel.added";
    public const string ChannelMemberJoined = "channel.member_joined";
    public const string ChannelMemberLeft = "channel.member_left";
    public const string ChannelMemberUpdated = "channel.member_updated";
    public const string ReactionAdded = "reaction.added";
    public const string ReactionRemoved = "reaction.removed";
    public const string PinAdded = "pin.added";
    public const string PinRemoved = "pin.removed";
    public const string Read = "read";
    public const string Presence = "presence";
    public const string FileUpdated = "file.updated";
    public const string ModerationTimedOut = "moderation.timed_out";
    public const string ModerationTimeoutLifted = "moderation.timeout_lifted";
    public const string ModerationWarned = "moderation.warned";
    public const string ModerationBanned = "moderation.banned";
    public const string ModerationUnbanned = "moderation.unbanned";
    public const string ModerationReportUpdated = "moderation.report_updated";

    // Helper C (extras): polls, scheduled messages, bookmarks, emojis, webhooks, groups, voice, keys.
    public const string PollCreated = "poll.created";
    public const string PollUpdated = "poll.updated";
    public const string PollClosed = "poll.closed";
    public const string ScheduledCreated = "scheduled.created";
    public const string ScheduledDeleted = "scheduled.deleted";
    public const string BookmarkCreated = "bookmark.created";
    public const string BookmarkUpdated = "bookmark.updated";
    public const string BookmarkDeleted = "bookmark.deleted";
    public const string EmojiCreated = "emoji.created";
    public const string EmojiDeleted = "emoji.deleted";
    public const string WebhookCreated = "webhook.created";
    public const string WebhookDeleted = "webhook.deleted";
    public const string GroupMemberJoined = "group.member_joined";
    public const string GroupMemberLeft = "group.member_left";
    public const string GroupMemberUpdated = "group.member_updated";
    public const string VoiceJoined = "voice.joined";
    public const string VoiceLeft = "voice.left";
    public const string VoiceSignal = "voice.signal";
    public const string KeysLow = "keys_low";
    public const string DmOpened = "dm.opened";
}
