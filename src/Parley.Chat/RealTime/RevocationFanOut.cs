namespace Parley.Chat.RealTime;

/// <summary>
/// Tells the other nodes that a user lost a channel, so each drops its own connections' subscriptions.
/// One node (no backplane) has no one to tell.
/// </summary>
internal interface IRevocationFanOut
{
    Task PublishAsync(Guid userId, Guid channelId, CancellationToken cancellationToken);
}

internal sealed class SingleNodeRevocations : IRevocationFanOut
{
    public Task PublishAsync(Guid userId, Guid channelId, CancellationToken cancellationToken) => Task.CompletedTask;
}
