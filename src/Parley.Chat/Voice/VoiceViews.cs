namespace Parley.Chat.Voice;

/// <summary>What <c>JoinVoice</c> answers: the session joined and everyone in it (the caller included).</summary>
public sealed record VoiceJoinResult(Guid SessionId, List<Guid> Participants);

/// <summary>The <c>voice.joined</c> and <c>voice.left</c> events.</summary>
public sealed record VoiceParticipantChanged(Guid ChannelId, Guid UserId, Guid SessionId);

/// <summary>The <c>voice.signal</c> event: WebRTC signalling relayed from one participant to another, opaque to the server.</summary>
public sealed record VoiceSignal(Guid ChannelId, Guid FromUserId, string Kind, string Payload);

/// <summary>A voice channel's current session (null when nobody is in it), for <c>GET /api/chat/channels/{id}/voice</c>.</summary>
public sealed record VoiceChannelState(Guid ChannelId, VoiceSessionView? Session);

/// <summary>An active voice session and who is in it.</summary>
public sealed record VoiceSessionView(Guid Id, Guid StartedBy, DateTime StartedAt, List<VoiceParticipantView> Participants);

public sealed record VoiceParticipantView(Guid UserId, DateTime JoinedAt);

/// <summary>The kinds of signal relayed between participants.</summary>
internal static class VoiceSignalKinds
{
    public const string Offer = "offer";
    public const string Answer = "answer";
    public const string Ice = "ice";

    public static bool IsKnown(string? kind) => kind is Offer or Answer or Ice;
}
