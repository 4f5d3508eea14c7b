using Parley.Chat.Tests.Api;
using Parley.Tests.Security;
using Parley.Tests.Infrastructure;
using static Parley.Chat.Tests.Security.Who;

namespace Parley.Chat.Tests.Security;

/// <summary>
/// One endpoint's rule: who may call it on the world's community (<see cref="Allowed"/>; everyone else
/// must get 403). Allowed callers must succeed (2xx) unless <see cref="AnyAnswerButForbidden"/>, for
/// endpoints whose success depends on more than the caller (a key bundle that may not exist).
/// </summary>
internal sealed record EndpointRule(string Endpoint, Who[] Allowed, Func<PermissionWorld, string> Path, Func<PermissionWorld, object?>? Body = null)
{
    public Func<TestApp, PermissionWorld, Task>? Arrange { get; init; }
    public bool AnyAnswerButForbidden { get; init; }

    public HttpMethod Method => new(Endpoint[..Endpoint.IndexOf(' ', StringComparison.Ordinal)]);
}

/// <summary>One hub method's rule, as <see cref="EndpointRule"/>: allowed callers' calls complete, the others' are refused.</summary>
internal sealed record HubRule(string Method, Who[] Allowed, Func<PermissionWorld, object?[]> Arguments);

/// <summary>
/// The Chat permission matrix: every <c>/api/chat</c> endpoint and every hub method, with who may use it.
/// <see cref="PermissionMatrixTests"/> fails when an endpoint or hub method is missing here, so a new one
/// cannot ship without its rule.
/// </summary>
internal static class PermissionMatrix
{
    public static readonly Who[] Everyone = [Outsider, Member, Moderator, Admin];
    public static readonly Who[] Members = [Member, Moderator, Admin];
    public static readonly Who[] Staff = [Moderator, Admin];
    public static readonly Who[] Admins = [Admin];
    public static readonly Who[] Nobody = [];

    public static IReadOnlyList<EndpointRule> Endpoints { get; } =
    [
        // Communities
        new("POST /api/chat/communities", Everyone, _ => "/api/chat/communities", _ => new { name = "Mine" }),
        new("GET /api/chat/communities", Everyone, _ => "/api/chat/communities"),
        new("GET /api/chat/communities/{id:guid}", Members, w => $"/api/chat/communities/{w.Community}"),
        new("PATCH /api/chat/communities/{id:guid}", Admins, w => $"/api/chat/communities/{w.Community}", _ => new { description = "changed" }),
        new("POST /api/chat/communities/{id:guid}/leave", Members, w => $"/api/chat/communities/{w.Community}/leave"),
        // Only the owner transfers ownership, and the owner is none of the four callers.
        new("POST /api/chat/communities/{id:guid}/transfer", Nobody, w => $"/api/chat/communities/{w.Community}/transfer", w => new { user_id = w.Victim }),
        new("GET /api/chat/communities/{id:guid}/members", Members, w => $"/api/chat/communities/{w.Community}/members"),
        new("PUT /api/chat/communities/{id:guid}/members/{memberId:guid}/role", Admins, w => $"/api/chat/communities/{w.Community}/members/{w.Victim}/role", _ => new { role = "moderator" }),
        new("PUT /api/chat/communities/{id:guid}/members/{memberId:guid}/nickname", Staff, w => $"/api/chat/communities/{w.Community}/members/{w.Victim}/nickname", _ => new { nickname = "v" }),
        new("DELETE /api/chat/communities/{id:guid}/members/{memberId:guid}", Staff, w => $"/api/chat/communities/{w.Community}/members/{w.Victim}"),
        new("POST /api/chat/communities/{id:guid}/bans", Staff, w => $"/api/chat/communities/{w.Community}/bans", w => new { user_id = w.Victim, reason = "spam" }),
        new("DELETE /api/chat/communities/{id:guid}/bans/{bannedId:guid}", Staff, w => $"/api/chat/communities/{w.Community}/bans/{w.Victim}")
        {
            Arrange = (app, w) => app.OkJsonAsync(HttpMethod.Post, $"/api/chat/communities/{w.Community}/bans", w.Cast.Owner, new { user_id = w.Victim }),
        },
        // who_can_create_invites defaults to admin.
        new("POST /api/chat/communities/{id:guid}/invites", Admins, w => $"/api/chat/communities/{w.Community}/invites", _ => new { }),
        new("POST /api/chat/invites/{code}/join", Everyone, w => $"/api/chat/invites/{w.Extra["invite"]}/join")
        {
            Arrange = async (app, w) => w.Extra["invite"] = (await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/communities/{w.Community}/invites", w.Cast.Owner, new { })).Str("code"),
            AnyAnswerButForbidden = true,
        },

        // Groups and channels (who_can_create_groups defaults to admin; channels are managed by community admins or the group's owner/admins).
        new("POST /api/chat/communities/{id:guid}/groups", Admins, w => $"/api/chat/communities/{w.Community}/groups", _ => new { name = "More" }),
        new("GET /api/chat/communities/{id:guid}/groups", Members, w => $"/api/chat/communities/{w.Community}/groups"),
        new("POST /api/chat/groups/{groupId:guid}/channels", Admins, w => $"/api/chat/groups/{w.Group}/channels", _ => new { name = "new" }),
        new("GET /api/chat/groups/{groupId:guid}/channels", Members, w => $"/api/chat/groups/{w.Group}/channels"),
        new("PATCH /api/chat/channels/{channelId:guid}", Admins, w => $"/api/chat/channels/{w.Channel}", _ => new { topic = "t" }),
        new("POST /api/chat/channels/{channelId:guid}/join", Members, w => $"/api/chat/channels/{w.Channel}/join"),
        new("POST /api/chat/channels/{channelId:guid}/leave", Members, w => $"/api/chat/channels/{w.Channel}/leave"),
        new("GET /api/chat/channels/{channelId:guid}/members", Members, w => $"/api/chat/channels/{w.Channel}/members"),

        // Messages
        new("POST /api/chat/channels/{channelId:guid}/messages", Members, w => $"/api/chat/channels/{w.Channel}/messages", _ => new { plaintext = "hi" }),
        new("GET /api/chat/channels/{channelId:guid}/messages", Members, w => $"/api/chat/channels/{w.Channel}/messages"),
        new("GET /api/chat/messages/{messageId:guid}", Members, w => $"/api/chat/messages/{w.MemberMessage}"),
        new("PATCH /api/chat/messages/{messageId:guid}", [Member], w => $"/api/chat/messages/{w.MemberMessage}", _ => new { plaintext = "edited" }),
        new("DELETE /api/chat/messages/{messageId:guid}", Members, w => $"/api/chat/messages/{w.MemberMessage}"),
        new("GET /api/chat/messages/{messageId:guid}/edits", Members, w => $"/api/chat/messages/{w.MemberMessage}/edits"),

        // Personal: each acts on the caller's own things.
        new("POST /api/chat/dms", Everyone, w => "/api/chat/dms", w => new { user_id = w.Victim }),
        new("GET /api/chat/dms", Everyone, _ => "/api/chat/dms"),
        new("GET /api/chat/blocks", Everyone, _ => "/api/chat/blocks"),
        new("PUT /api/chat/blocks/{blockedId:guid}", Everyone, w => $"/api/chat/blocks/{w.Victim}"),
        new("DELETE /api/chat/blocks/{blockedId:guid}", Everyone, w => $"/api/chat/blocks/{w.Victim}") { AnyAnswerButForbidden = true },
        new("GET /api/chat/preferences", Everyone, _ => "/api/chat/preferences"),
        new("PUT /api/chat/preferences", Everyone, _ => "/api/chat/preferences", _ => new { theme = "dark" }),
        new("PUT /api/chat/keys/identity", Everyone, _ => "/api/chat/keys/identity") { AnyAnswerButForbidden = true },
        new("PUT /api/chat/keys/signed-prekey", Everyone, _ => "/api/chat/keys/signed-prekey") { AnyAnswerButForbidden = true },
        new("POST /api/chat/keys/one-time-prekeys", Everyone, _ => "/api/chat/keys/one-time-prekeys") { AnyAnswerButForbidden = true },
        new("GET /api/chat/keys/one-time-prekeys/count", Everyone, _ => "/api/chat/keys/one-time-prekeys/count"),
        new("GET /api/chat/keys/users/{userId:guid}/bundle", Everyone, w => $"/api/chat/keys/users/{w.Victim}/bundle") { AnyAnswerButForbidden = true },
        new("GET /api/chat/announcements", Everyone, _ => "/api/chat/announcements"),
        new("POST /api/chat/announcements/{id:guid}/dismiss", Everyone, w => $"/api/chat/announcements/{Guid.NewGuid()}/dismiss") { AnyAnswerButForbidden = true },
        // Instance announcements are for instance administrators (a permission), not community roles.
        new("POST /api/chat/announcements", Nobody, _ => "/api/chat/announcements", _ => new { title = "t", body = "b" }),
    ];

    public static IReadOnlyList<HubRule> HubMethods { get; } =
    [
        new("Subscribe", Members, w => [w.Channel]),
        new("Unsubscribe", Everyone, w => [w.Channel]),
        new("SubscribeCommunity", Members, w => [w.Community]),
        new("SendMessage", Members, w => [w.Channel, new Parley.Chat.Messages.SendMessageRequest(Plaintext: "hi")]),
        new("Typing", Members, w => [w.Channel]),
    ];
}
