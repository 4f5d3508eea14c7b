using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Chat.Channels;
using Parley.Chat.RealTime;
using Parley.Chat.Storage;
using Parley.Core.Security;

namespace Parley.Chat.Voice;

/// <summary>
/// Voice sessions as the hub and the API see them: the first joiner of a voice channel starts a session,
/// participants come and go (<c>joined_at</c>/<c>left_at</c>), the last to leave ends it. The server only
/// records who is there and relays WebRTC signalling between two current participants; media never
/// passes through it. At most <see cref="ChatOptions.MaxVoiceParticipants"/> at once.
/// </summary>
internal sealed class VoiceRoom(ChatDbContext db, ChatEvents events, IOptions<ChatOptions> options, TimeProvider clock)
{
    public const int MaxSignalPayloadLength = 64 * 1024;

    public async Task<(VoiceJoinResult? Joined, Refusal? Refusal)> JoinAsync(Guid userId, Guid channelId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (access, refusal) = await ChannelAccess.ResolveAsync(db, channelId, userId, ChannelNeed.Read, now, cancellationToken);
        if (access is null)
        {
            return (null, refusal);
        }
        if (access.Channel.ChannelType != ChannelTypes.Voice)
        {
            return (null, Refusal.Conflict("not_a_voice_channel", "Only voice channels have voice sessions."));
        }
        var session = await ActiveSessionAsync(channelId, cancellationToken);
        if (session is null)
        {
            session = new VoiceSession { ChannelId = channelId, StartedBy = userId, StartedAt = now };
            db.VoiceSessions.Add(session);
        }
        var present = await db.VoiceSessionParticipants.Where(p => p.SessionId == session.Id && p.LeftAt == null).Select(p => p.UserId).ToListAsync(cancellationToken);
        if (present.Contains(userId))
        {
            return (new VoiceJoinResult(session.Id, present), null);
        }
        if (present.Count >= options.Value.MaxVoiceParticipants)
        {
            return (null, Refusal.Conflict("voice_full", $"A voice session holds at most {options.Value.MaxVoiceParticipants} people."));
        }
        var earlier = await db.VoiceSessionParticipants.FirstOrDefaultAsync(p => p.SessionId == session.Id && p.UserId == userId, cancellationToken);
        if (earlier is null)
        {
            db.VoiceSessionParticipants.Add(new VoiceSessionParticipant { SessionId = session.Id, UserId = userId, JoinedAt = now });
        }
        else
        {
            earlier.JoinedAt = now;
            earlier.LeftAt = null;
        }
        await db.SaveChangesAsync(cancellationToken);
        await events.ToChannelAsync(channelId, ChatEventNames.VoiceJoined, new VoiceParticipantChanged(channelId, userId, session.Id), cancellationToken);
        return (new VoiceJoinResult(session.Id, [.. present, userId]), null);
    }

    /// <summary>Takes the user out of the channel's session, ending it if they were the last; false if they were not in it.</summary>
    public async Task<bool> LeaveAsync(Guid userId, Guid channelId, CancellationToken cancellationToken)
    {
        var session = await ActiveSessionAsync(channelId, cancellationToken);
        if (session is null)
        {
            return false;
        }
        var participant = await db.VoiceSessionParticipants.FirstOrDefaultAsync(p => p.SessionId == session.Id && p.UserId == userId && p.LeftAt == null, cancellationToken);
        if (participant is null)
        {
            return false;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        participant.LeftAt = now;
        if (!await db.VoiceSessionParticipants.AnyAsync(p => p.SessionId == session.Id && p.UserId != userId && p.LeftAt == null, cancellationToken))
        {
            session.EndedAt = now;
        }
        await db.SaveChangesAsync(cancellationToken);
        await events.ToChannelAsync(channelId, ChatEventNames.VoiceLeft, new VoiceParticipantChanged(channelId, userId, session.Id), cancellationToken);
        return true;
    }

    /// <summary>Relays a signal to <paramref name="toUserId"/>'s connections, if both are in the channel's session now.</summary>
    public async Task<Refusal?> SignalAsync(Guid fromUserId, Guid channelId, Guid toUserId, string? kind, string? payload, CancellationToken cancellationToken)
    {
        if (!VoiceSignalKinds.IsKnown(kind))
        {
            return Refusal.Invalid("kind", "One of offer, answer, ice.");
        }
        if (payload is null || payload.Length > MaxSignalPayloadLength)
        {
            return Refusal.Invalid("payload", $"Required, at most {MaxSignalPayloadLength} characters.");
        }
        var session = await ActiveSessionAsync(channelId, cancellationToken);
        var present = session is null
            ? []
            : await db.VoiceSessionParticipants.AsNoTracking()
                .Where(p => p.SessionId == session.Id && p.LeftAt == null && (p.UserId == fromUserId || p.UserId == toUserId))
                .Select(p => p.UserId).ToListAsync(cancellationToken);
        if (!present.Contains(fromUserId))
        {
            return Refusal.Forbidden("not_in_voice", "Join the voice session first.");
        }
        if (fromUserId == toUserId || !present.Contains(toUserId))
        {
            return Refusal.NotFound("voice_participant_not_found", "That user is not in this voice session.");
        }
        await events.ToUserAsync(toUserId, ChatEventNames.VoiceSignal, new VoiceSignal(channelId, fromUserId, kind!, payload), cancellationToken);
        return null;
    }

    public async Task<VoiceChannelState> StateAsync(Guid channelId, CancellationToken cancellationToken)
    {
        var session = await db.VoiceSessions.AsNoTracking().FirstOrDefaultAsync(s => s.ChannelId == channelId && s.EndedAt == null, cancellationToken);
        if (session is null)
        {
            return new VoiceChannelState(channelId, null);
        }
        var participants = await db.VoiceSessionParticipants.AsNoTracking()
            .Where(p => p.SessionId == session.Id && p.LeftAt == null).OrderBy(p => p.JoinedAt)
            .Select(p => new VoiceParticipantView(p.UserId, p.JoinedAt)).ToListAsync(cancellationToken);
        return new VoiceChannelState(channelId, new VoiceSessionView(session.Id, session.StartedBy, session.StartedAt, participants));
    }

    private Task<VoiceSession?> ActiveSessionAsync(Guid channelId, CancellationToken cancellationToken) =>
        db.VoiceSessions.FirstOrDefaultAsync(s => s.ChannelId == channelId && s.EndedAt == null, cancellationToken);
}
