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
    public const string ChannelMemberJoined = "channel.member_joined";
    public const string ChannelMemberLeft = "channel.member_left";
    public const string ReactionAdded = "reaction.added";
    public const string ReactionRemoved = "reaction.removed";
    public const string PinAdded = "pin.added";
    public const string PinRemoved = "pin.removed";
    public const string Read = "read";
    public const string Presence = "presence";
}
