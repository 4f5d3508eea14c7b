using Parley.Chat.RealTime;
using Parley.Core.Events;

namespace Parley.Chat.Keys;

/// <summary>Tells a user's connected clients, with <c>keys_low</c>, that their one-time prekeys are running out.</summary>
internal sealed class KeysLowForwarder(ChatEvents events) : IEventHandler<KeysLow>
{
    public Task HandleAsync(KeysLow e, CancellationToken cancellationToken) =>
        events.ToUserAsync(e.UserId, ChatEventNames.KeysLow, new KeysLowView(e.Remaining), cancellationToken);
}

/// <summary>The <c>keys_low</c> event: how many unused one-time prekeys the receiver has left.</summary>
public sealed record KeysLowView(int Remaining);
