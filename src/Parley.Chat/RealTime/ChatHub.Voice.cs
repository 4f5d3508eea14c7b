using Microsoft.AspNetCore.SignalR;
using Parley.Chat.Voice;
using Parley.Core.Security;

namespace Parley.Chat.RealTime;

/// <summary>Voice signalling over the hub; <see cref="VoiceRoom"/> keeps the sessions.</summary>
internal sealed partial class ChatHub
{
    // The voice channel this connection is in (per connection, so a second tab does not drop the first's call).
    private const string VoiceChannelItem = "voice.channel";

    /// <summary>Joins the voice channel's session (starting one if it is empty), leaving any other voice channel first.</summary>
    public async Task<VoiceJoinResult> JoinVoice(Guid channelId)
    {
        var userId = UserId;
        if (Context.Items.TryGetValue(VoiceChannelItem, out var current) && current is Guid previous && previous != channelId)
        {
            await voice.LeaveAsync(userId, previous, Context.ConnectionAborted);
        }
        var (joined, refusal) = await voice.JoinAsync(userId, channelId, Context.ConnectionAborted);
        if (joined is null)
        {
            throw refusal!.ToHubException();
        }
        Context.Items[VoiceChannelItem] = channelId;
        return joined;
    }

    public async Task LeaveVoice(Guid channelId)
    {
        var userId = UserId;
        Context.Items.Remove(VoiceChannelItem);
        await voice.LeaveAsync(userId, channelId, Context.ConnectionAborted);
    }

    /// <summary>Relays an offer, answer or ICE candidate to another participant of the same session.</summary>
    public async Task SendSignal(Guid channelId, Guid toUserId, string kind, string payload)
    {
        if (await voice.SignalAsync(UserId, channelId, toUserId, kind, payload, Context.ConnectionAborted) is { } refusal)
        {
            throw refusal.ToHubException();
        }
    }

    /// <summary>A dropped connection leaves its voice session, so nobody stays in a call they cannot hear.</summary>
    private async Task LeaveVoiceOnDisconnectAsync()
    {
        if (Context.Items.TryGetValue(VoiceChannelItem, out var current) && current is Guid channelId && Context.User?.UserId() is { } userId)
        {
            await voice.LeaveAsync(userId, channelId, CancellationToken.None);
        }
    }
}
