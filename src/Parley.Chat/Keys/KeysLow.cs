namespace Parley.Chat.Keys;

/// <summary>
/// Published on Core's event bus when a bundle fetch leaves a user with fewer than
/// <see cref="PrekeyClaim.LowWatermark"/> unused one-time prekeys, so their clients can be told to upload more.
/// </summary>
public sealed record KeysLow(Guid UserId, int Remaining);
