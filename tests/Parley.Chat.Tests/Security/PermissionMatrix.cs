using Parley.Chat.Tests.Api;
using Parley.Tests.Security;
using Parley.Tests.Infrastructure;
using System.Net;
using System.Net.Http.Headers;
using static Parley.Chat.Tests.Security.Who;

namespace Parley.Chat.Tests.Security;

/// <summary>
/// One endpoint's rule: who may call it on the world's community (<see cref="Allowed"/>; everyone else
/// must get 403). Allowed callers must succeed (2xx) unless <see cref="AnyAnswerButForbidden"/>, for
/// endpoints whose success depends on more than the caller (a key bundle that may not exist).
/// </summary>
internal sealed record EndpointRule(string Endpoint, Who[] Allowed, Func<PermissionWorld, string> Path, Func<PermissionWorld, object?>? Body = null)
{
    /// <summary>Makes what the call acts on (a poll, a file, a report), as the owner or the caller.</summary>
    public Func<TestApp, PermissionWorld, ChatUser, Task>? Arrange { get; init; }

    /// <summary>Sends the call itself, for bodies that are not JSON (multipart uploads).</summary>
    public Func<TestApp, PermissionWorld, ChatUser, Task<HttpResponseMessage>>? Send { get; init; }

    public bool AnyAnswerButForbidden { get; init; }

    /// <summary>
    /// What a caller outside <see cref="Allowed"/> may get: 403, or 404 where the rule is that they may not
    /// even learn the thing exists (a report's target they cannot see, a report outside their communities).
    /// </summary>
    public HttpStatusCode[] Denied { get; init; } = [HttpStatusCode.Forbidden];

    public HttpMethod Method => new(Endpoint[..Endpoint.IndexOf(' ', StringComparison.Ordinal)]);
}

/// <summary>One hub method's rule, as <see cref="EndpointRule"/>: allowed callers' calls complete, the others' are refused.</summary>
internal sealed record HubRule(string Method, Who[] Allowed, Func<PermissionWorld, object?[]> Arguments)
{
    /// <summary>Calls made first on the owner's and the caller's connections (joining a voice session to signal in it).</summary>
    public Func<HubClient, HubClient, PermissionWorld, Task>? Prepare { get; init; }
}

internal static class VoiceSteps
{
    /// <summary>Joins the voice channel if the caller may; an outsider's refusal here is the point of the later call.</summary>
    public static async Task JoinVoiceQuietlyAsync(this HubClient client, Guid voiceChannel)
    {
        try
        {
            await client.InvokeAsync("JoinVoice", voiceChannel);
        }
        catch (Microsoft.AspNetCore.SignalR.HubException)
        {
        }
    }
}

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
            Arrange = (app, w, _) => app.OkJsonAsync(HttpMethod.Post, $"/api/chat/communities/{w.Community}/bans", w.Cast.Owner, new { user_id = w.Victim }),
        },
        // who_can_create_invites defaults to admin.
        new("POST /api/chat/communities/{id:guid}/invites", Admins, w => $"/api/chat/communities/{w.Community}/invites", _ => new { }),
        new("POST /api/chat/invites/{code}/join", Everyone, w => $"/api/chat/invites/{w.Extra["invite"]}/join")
        {
            Arrange = async (app, w, _) => w.Extra["invite"] = (await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/communities/{w.Community}/invites", w.Cast.Owner, new { })).Str("code"),
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
        // The world's channel is the owner's; of the callers only the community admin outranks it.
        new("PUT /api/chat/channels/{channelId:guid}/members/{memberId:guid}/role", Admins, w => $"/api/chat/channels/{w.Channel}/members/{w.Victim}/role", _ => new { role = "admin" }),
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
        // Anyone may write to another user unless one has blocked the other (DirectMessagesAndBlocksApiTests).
        new("POST /api/chat/dms/{userId:guid}/messages", Everyone, w => $"/api/chat/dms/{w.Victim}/messages", _ => new { plaintext = "hello" }),
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

        // Reactions, pins, read state, search, presence, the user directory
        new("PUT /api/chat/messages/{messageId:guid}/reactions/{emoji}", Members, w => $"/api/chat/messages/{w.MemberMessage}/reactions/%F0%9F%91%8D"),
        new("DELETE /api/chat/messages/{messageId:guid}/reactions/{emoji}", Members, w => $"/api/chat/messages/{w.MemberMessage}/reactions/%F0%9F%91%8D"),
        new("PUT /api/chat/messages/{messageId:guid}/pin", Staff, w => $"/api/chat/messages/{w.MemberMessage}/pin"),
        new("DELETE /api/chat/messages/{messageId:guid}/pin", Staff, w => $"/api/chat/messages/{w.MemberMessage}/pin")
        {
            Arrange = (app, w, _) => app.OkAsync(HttpMethod.Put, $"/api/chat/messages/{w.MemberMessage}/pin", w.Cast.Owner),
        },
        new("GET /api/chat/channels/{channelId:guid}/pins", Members, w => $"/api/chat/channels/{w.Channel}/pins"),
        new("PUT /api/chat/channels/{channelId:guid}/read", Members, w => $"/api/chat/channels/{w.Channel}/read", w => new { message_id = w.MemberMessage }),
        // Personal views: each answers from the caller's own channels, so nobody is refused.
        new("GET /api/chat/unread", Everyone, _ => "/api/chat/unread"),
        new("POST /api/chat/unread/mark-all-read", Everyone, _ => "/api/chat/unread/mark-all-read"),
        new("GET /api/chat/search", Everyone, _ => "/api/chat/search?q=by"),
        new("GET /api/chat/presence", Everyone, w => $"/api/chat/presence?user_ids={w.Victim}"),
        new("PUT /api/chat/presence", Everyone, _ => "/api/chat/presence", _ => new { status = "dnd", custom_status = "busy" }),
        new("GET /api/chat/users", Everyone, w => "/api/chat/users?username=victim"),

        // Files
        new("POST /api/chat/channels/{channelId:guid}/files", Members, w => $"/api/chat/channels/{w.Channel}/files")
        {
            Send = (app, w, caller) => Files.FileUploadClient.UploadAsync(app, w.Channel, caller, "hello"u8.ToArray()),
        },
        new("GET /api/chat/files/{fileId:guid}", Members, w => $"/api/chat/files/{w.Extra["file"]}") { Arrange = UploadFileAsync },
        new("GET /api/chat/files/{fileId:guid}/content", Members, w => $"/api/chat/files/{w.Extra["file"]}/content") { Arrange = UploadFileAsync },
        new("PUT /api/chat/files/{fileId:guid}/quarantine", Staff, w => $"/api/chat/files/{w.Extra["file"]}/quarantine") { Arrange = UploadFileAsync },
        new("DELETE /api/chat/files/{fileId:guid}/quarantine", Staff, w => $"/api/chat/files/{w.Extra["file"]}/quarantine") { Arrange = UploadFileAsync },
        // Blocked hashes are the instance administrators' (a permission), not any community role's.
        new("GET /api/chat/blocked-hashes", Nobody, _ => "/api/chat/blocked-hashes"),
        new("POST /api/chat/blocked-hashes", Nobody, _ => "/api/chat/blocked-hashes", _ => new { hash = new string('a', 64), reason = "x" }),
        new("DELETE /api/chat/blocked-hashes/{id:guid}", Nobody, _ => $"/api/chat/blocked-hashes/{Guid.NewGuid()}"),

        // Moderation
        new("POST /api/chat/channels/{channelId:guid}/timeouts", Staff, w => $"/api/chat/channels/{w.Channel}/timeouts", w => new { user_id = w.Victim, duration_seconds = 600, reason = "calm down" }),
        new("GET /api/chat/channels/{channelId:guid}/timeouts", Staff, w => $"/api/chat/channels/{w.Channel}/timeouts"),
        new("DELETE /api/chat/channels/{channelId:guid}/timeouts/{targetId:guid}", Staff, w => $"/api/chat/channels/{w.Channel}/timeouts/{w.Victim}")
        {
            Arrange = (app, w, _) => app.OkAsync(HttpMethod.Post, $"/api/chat/channels/{w.Channel}/timeouts", w.Cast.Owner, new { user_id = w.Victim, duration_seconds = 600 }),
        },
        new("POST /api/chat/channels/{channelId:guid}/warnings", Staff, w => $"/api/chat/channels/{w.Channel}/warnings", w => new { user_id = w.Victim, reason = "rude" }),
        new("GET /api/chat/channels/{channelId:guid}/warnings", Staff, w => $"/api/chat/channels/{w.Channel}/warnings"),
        new("GET /api/chat/warnings/mine", Everyone, _ => "/api/chat/warnings/mine"),
        new("POST /api/chat/channels/{channelId:guid}/bans", Staff, w => $"/api/chat/channels/{w.Channel}/bans", w => new { user_id = w.Victim, reason = "spam" }),
        new("GET /api/chat/channels/{channelId:guid}/bans", Staff, w => $"/api/chat/channels/{w.Channel}/bans"),
        new("DELETE /api/chat/channels/{channelId:guid}/bans/{targetId:guid}", Staff, w => $"/api/chat/channels/{w.Channel}/bans/{w.Victim}")
        {
            Arrange = (app, w, _) => app.OkAsync(HttpMethod.Post, $"/api/chat/channels/{w.Channel}/bans", w.Cast.Owner, new { user_id = w.Victim }),
        },
        new("POST /api/chat/channels/{channelId:guid}/purge", Staff, w => $"/api/chat/channels/{w.Channel}/purge", _ => new { count = 10 }),
        new("PUT /api/chat/messages/{messageId:guid}/quarantine", Staff, w => $"/api/chat/messages/{w.VictimMessage}/quarantine"),
        new("DELETE /api/chat/messages/{messageId:guid}/quarantine", Staff, w => $"/api/chat/messages/{w.VictimMessage}/quarantine"),
        // Reporting needs sight of the target: to an outsider the message does not exist.
        new("POST /api/chat/reports", Members, _ => "/api/chat/reports", w => new { report_type = "message", target_id = w.VictimMessage, reason = "spam" })
        {
            Denied = [HttpStatusCode.NotFound],
        },
        new("GET /api/chat/communities/{communityId:guid}/reports", Staff, w => $"/api/chat/communities/{w.Community}/reports"),
        // Staff of other communities do not see this community's reports at all.
        new("PATCH /api/chat/reports/{reportId:guid}", Staff, w => $"/api/chat/reports/{w.Extra["report"]}", _ => new { status = "reviewed", admin_notes = "seen" })
        {
            Denied = [HttpStatusCode.Forbidden, HttpStatusCode.NotFound],
            Arrange = async (app, w, _) => w.Extra["report"] = (await app.OkJsonAsync(HttpMethod.Post, "/api/chat/reports", w.Cast.Member,
                new { report_type = "message", target_id = w.VictimMessage, reason = "spam" })).Str("id"),
        },

        // Polls
        new("POST /api/chat/channels/{channelId:guid}/polls", Members, w => $"/api/chat/channels/{w.Channel}/polls", _ => new { question = "Lunch?", options = new[] { "yes", "no" } }),
        new("GET /api/chat/channels/{channelId:guid}/polls", Members, w => $"/api/chat/channels/{w.Channel}/polls"),
        new("GET /api/chat/polls/{pollId:guid}", Members, w => $"/api/chat/polls/{w.Extra["poll"]}") { Arrange = PollAsync },
        new("PUT /api/chat/polls/{pollId:guid}/vote", Members, w => $"/api/chat/polls/{w.Extra["poll"]}/vote", _ => new { option_indexes = new[] { 0 } }) { Arrange = PollAsync },
        // The owner made the poll: closing it is for staff (or its creator).
        new("POST /api/chat/polls/{pollId:guid}/close", Staff, w => $"/api/chat/polls/{w.Extra["poll"]}/close") { Arrange = PollAsync },

        // Scheduled messages and bookmarks are the caller's own; acting on another's id is a 404 like any unknown id.
        new("POST /api/chat/channels/{channelId:guid}/scheduled", Members, w => $"/api/chat/channels/{w.Channel}/scheduled",
            _ => new { plaintext = "later", scheduled_for = TimeProvider.System.GetUtcNow().UtcDateTime.AddHours(1) }),
        new("GET /api/chat/scheduled", Everyone, _ => "/api/chat/scheduled"),
        new("DELETE /api/chat/scheduled/{id:guid}", Everyone, _ => $"/api/chat/scheduled/{Guid.NewGuid()}") { AnyAnswerButForbidden = true },
        new("POST /api/chat/bookmarks", Members, _ => "/api/chat/bookmarks", w => new { message_id = w.MemberMessage, note = "read later" }),
        new("GET /api/chat/bookmarks", Everyone, _ => "/api/chat/bookmarks"),
        new("PATCH /api/chat/bookmarks/{id:guid}", Everyone, _ => $"/api/chat/bookmarks/{Guid.NewGuid()}", _ => new { note = "n" }) { AnyAnswerButForbidden = true },
        new("DELETE /api/chat/bookmarks/{id:guid}", Everyone, _ => $"/api/chat/bookmarks/{Guid.NewGuid()}") { AnyAnswerButForbidden = true },

        // Custom emojis
        new("POST /api/chat/communities/{communityId:guid}/emojis", Staff, w => $"/api/chat/communities/{w.Community}/emojis")
        {
            Send = (app, w, caller) => UploadEmojiAsync(app, w.Community, caller),
        },
        new("GET /api/chat/communities/{communityId:guid}/emojis", Members, w => $"/api/chat/communities/{w.Community}/emojis"),
        new("GET /api/chat/emojis/{id:guid}/image", Members, w => $"/api/chat/emojis/{w.Extra["emoji"]}/image") { Arrange = EmojiAsync },
        new("DELETE /api/chat/emojis/{id:guid}", Staff, w => $"/api/chat/emojis/{w.Extra["emoji"]}") { Arrange = EmojiAsync },

        // Incoming webhooks: managed by channel staff; posting needs only the token, which is the credential.
        new("POST /api/chat/channels/{channelId:guid}/webhooks", Staff, w => $"/api/chat/channels/{w.Channel}/webhooks", _ => new { name = "CI" }),
        new("GET /api/chat/channels/{channelId:guid}/webhooks", Staff, w => $"/api/chat/channels/{w.Channel}/webhooks"),
        new("DELETE /api/chat/webhooks/{id:guid}", Staff, w => $"/api/chat/webhooks/{w.Extra["webhook"]}") { Arrange = WebhookAsync },
        new("POST /api/chat/webhooks/{token}", Everyone, w => $"/api/chat/webhooks/{w.Extra["token"]}", _ => new { content = "build passed" }) { Arrange = WebhookAsync },

        // Group membership (group roles are set by the group's owner or admins, or community admins)
        new("POST /api/chat/groups/{groupId:guid}/join", Members, w => $"/api/chat/groups/{w.Group}/join"),
        new("POST /api/chat/groups/{groupId:guid}/leave", Members, w => $"/api/chat/groups/{w.Group}/leave"),
        new("GET /api/chat/groups/{groupId:guid}/members", Members, w => $"/api/chat/groups/{w.Group}/members"),
        new("PUT /api/chat/groups/{groupId:guid}/members/{memberId:guid}/role", Admins, w => $"/api/chat/groups/{w.Group}/members/{w.Victim}/role", _ => new { role = "admin" }),

        // Voice
        new("GET /api/chat/channels/{channelId:guid}/voice", Members, w => $"/api/chat/channels/{w.VoiceChannel}/voice"),
    ];

    private static async Task UploadFileAsync(TestApp app, PermissionWorld w, ChatUser _)
    {
        using var response = await Files.FileUploadClient.UploadAsync(app, w.Channel, w.Cast.Member, "hello"u8.ToArray());
        w.Extra["file"] = (await response.JsonAsync()).Str("id");
    }

    private static async Task PollAsync(TestApp app, PermissionWorld w, ChatUser _) =>
        w.Extra["poll"] = (await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/channels/{w.Channel}/polls", w.Cast.Owner,
            new { question = "Lunch?", options = new[] { "yes", "no" } })).Str("id");

    private static async Task WebhookAsync(TestApp app, PermissionWorld w, ChatUser _)
    {
        var webhook = await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/channels/{w.Channel}/webhooks", w.Cast.Owner, new { name = "CI" });
        w.Extra["webhook"] = webhook.Str("id");
        w.Extra["token"] = webhook.Str("token");
    }

    private static async Task EmojiAsync(TestApp app, PermissionWorld w, ChatUser _)
    {
        using var response = await UploadEmojiAsync(app, w.Community, w.Cast.Owner);
        w.Extra["emoji"] = (await response.JsonAsync()).Str("id");
    }

    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 1, 2, 3, 4];

    private static async Task<HttpResponseMessage> UploadEmojiAsync(TestApp app, Guid community, ChatUser user)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Png);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "file", "party.png");
        form.Add(new StringContent("party_" + Guid.NewGuid().ToString("N")[..8]), "shortcode");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/chat/communities/{community}/emojis") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.Token);
        return await app.Client.SendAsync(request);
    }

    public static IReadOnlyList<HubRule> HubMethods { get; } =
    [
        new("Subscribe", Members, w => [w.Channel]),
        new("Unsubscribe", Everyone, w => [w.Channel]),
        new("SubscribeCommunity", Members, w => [w.Community]),
        new("SendMessage", Members, w => [w.Channel, new Parley.Chat.Messages.SendMessageRequest(Plaintext: "hi")]),
        new("SendDirectMessage", Everyone, w => [w.Victim, new Parley.Chat.Messages.SendMessageRequest(Plaintext: "hi")]),
        new("Typing", Members, w => [w.Channel]),
        new("SetPresence", Everyone, _ => ["online", null]),
        new("JoinVoice", Members, w => [w.VoiceChannel]),
        // Leaving a session one is not in changes nothing, so nobody needs refusing.
        new("LeaveVoice", Everyone, w => [w.VoiceChannel]) { Prepare = (owner, caller, w) => caller.JoinVoiceQuietlyAsync(w.VoiceChannel) },
        // A signal goes between two people in the same voice session: the owner is there, the caller joins first.
        new("SendSignal", Members, w => [w.VoiceChannel, w.Cast.Owner.Id, "offer", "{\"sdp\":\"v=0\"}"])
        {
            Prepare = async (owner, caller, w) =>
            {
                await owner.InvokeAsync("JoinVoice", w.VoiceChannel);
                await caller.JoinVoiceQuietlyAsync(w.VoiceChannel);
            },
        },
    ];
}
