namespace Parley.Chat.Presence;

/// <summary>The values of <c>users.status</c> and the <c>presence</c> event.</summary>
internal static class PresenceStatuses
{
    public const string Online = "online";
    public const string Idle = "idle";
    public const string Dnd = "dnd";
    public const string Invisible = "invisible";
    public const string Offline = "offline";

    public const int MaxCustomStatusLength = 128;

    public static readonly IReadOnlyList<string> All = [Online, Idle, Dnd, Invisible, Offline];

    /// <summary>What others see: an invisible user looks offline, and says nothing.</summary>
    public static PresenceView AsSeenByOthers(PresenceView own) =>
        own.Status == Invisible ? own with { Status = Offline, CustomStatus = null } : own;
}

/// <summary>A user's presence, as <c>GET /api/chat/presence</c> and the <c>presence</c> event carry it.</summary>
public sealed record PresenceView(Guid UserId, string Status, string? CustomStatus);

/// <summary>The body of <c>PUT /api/chat/presence</c>.</summary>
internal sealed record SetPresenceRequest(string? Status, string? CustomStatus);
