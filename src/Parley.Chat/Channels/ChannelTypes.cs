namespace Parley.Chat.Channels;

/// <summary>The seed's <c>channel_type</c> enum, stored as text so both providers share one model.</summary>
internal static class ChannelTypes
{
    public const string Text = "text";
    public const string Voice = "voice";
    public const string Dm = "dm";
}
