using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Chat.Storage;
using Parley.Chat.Tests.Api;
using Parley.Core.Storage;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Chat.Tests.Moderation;

public sealed class ModerationApiTests
{
    [Theory, BothProviders]
    public async Task A_timeout_silences_a_member_until_lifted_and_both_sides_hear_it(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (owner, mod, bob, community, channel) = await RoomWithModeratorAsync(app);
        await using var bobHub = await app.HubAsync(bob, HubProtocol.Json, "moderation.timed_out", "moderation.timeout_lifted");

        var timeout = await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/channels/{channel}/timeouts", mod,
            new { user_id = bob.Id, duration_seconds = 600, reason = "cool off" });
        Assert.Equal(bob.Id.ToString(), timeout.Str("user_id"));
        Assert.Equal("cool off", (await bobHub.NextAsync("moderation.timed_out")).Str("reason"));
        await app.RefusedAsync(HttpStatusCode.Forbidden, "timed_out", HttpMethod.Post, $"/api/chat/channels/{channel}/messages", bob, new { plaintext = "hey" });
        Assert.Single((await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/channels/{channel}/timeouts", mod)).EnumerateArray());
        await app.RefusedAsync(HttpStatusCode.Forbidden, "forbidden_role", HttpMethod.Get, $"/api/chat/channels/{channel}/timeouts", bob);

        using (var lifted = await app.SendAsync(HttpMethod.Delete, $"/api/chat/channels/{channel}/timeouts/{bob.Id}", mod.Token))
        {
            Assert.Equal(HttpStatusCode.NoContent, lifted.StatusCode);
        }
        Assert.Equal(bob.Id.ToString(), (await bobHub.NextAsync("moderation.timeout_lifted")).Str("user_id"));
        await app.PostAsync(channel, bob, "back");
        await app.RefusedAsync(HttpStatusCode.NotFound, "timeout_not_found", HttpMethod.Delete, $"/api/chat/channels/{channel}/timeouts/{bob.Id}", mod);
        await AssertAuditedAsync(app, "chat.timeout.added", mod.Id);
        await AssertAuditedAsync(app, "chat.timeout.removed", mod.Id);
    }

    [Theory, BothProviders]
    public async Task Nobody_moderates_themselves_an_equal_or_a_superior_and_bad_input_stores_nothing(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (owner, mod, bob, community, channel) = await RoomWithModeratorAsync(app);
        var mod2 = await app.UserAsync("mod2");
        await app.JoinAsync(community, owner, mod2);
        await app.SetRoleAsync(community, owner, mod2, "moderator");
        var path = $"/api/chat/channels/{channel}/timeouts";

        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Post, path, mod, new { user_id = bob.Id, duration_seconds = 59 });
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Post, path, mod, new { user_id = bob.Id, duration_seconds = 2_592_001 });
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Post, path, mod, new { user_id = mod.Id, duration_seconds = 60 });
        await app.RefusedAsync(HttpStatusCode.Forbidden, "forbidden_role", HttpMethod.Post, path, mod, new { user_id = mod2.Id, duration_seconds = 60 });
        await app.RefusedAsync(HttpStatusCode.Forbidden, "forbidden_role", HttpMethod.Post, path, mod, new { user_id = owner.Id, duration_seconds = 60 });
        await app.RefusedAsync(HttpStatusCode.Forbidden, "forbidden_role", HttpMethod.Post, path, bob, new { user_id = mod.Id, duration_seconds = 60 });
        await app.RefusedAsync(HttpStatusCode.NotFound, "member_not_found", HttpMethod.Post, path, mod, new { user_id = Guid.NewGuid(), duration_seconds = 60 });
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Post, $"/api/chat/channels/{channel}/warnings", mod, new { user_id = bob.Id, reason = " " });
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Post, $"/api/chat/channels/{channel}/purge", mod, new { count = 1001 });

        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        Assert.False(await db.UserTimeouts.AnyAsync());
        Assert.False(await db.Warnings.AnyAsync());
    }

    [Theory, BothProviders]
    public async Task Warnings_reach_the_user_who_lists_their_own(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (_, mod, bob, _, channel) = await RoomWithModeratorAsync(app);
        await using var bobHub = await app.HubAsync(bob, HubProtocol.MessagePack, "moderation.warned");

        await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/channels/{channel}/warnings", mod, new { user_id = bob.Id, reason = "no spam" });
        Assert.Equal("no spam", (await bobHub.NextAsync("moderation.warned")).Str("reason"));
        Assert.Equal("no spam", (await app.OkJsonAsync(HttpMethod.Get, "/api/chat/warnings/mine", bob))[0].Str("reason"));
        Assert.Empty((await app.OkJsonAsync(HttpMethod.Get, "/api/chat/warnings/mine", mod)).EnumerateArray());
        Assert.Single((await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/channels/{channel}/warnings", mod)).EnumerateArray());
        await AssertAuditedAsync(app, "chat.warning.issued", mod.Id);
    }

    [Theory, BothProviders]
    public async Task A_channel_ban_removes_the_member_and_their_subscription_until_unbanned(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (_, mod, bob, _, channel) = await RoomWithModeratorAsync(app);
        await using var bobHub = await app.HubAsync(bob, HubProtocol.Json, "moderation.banned", "channel.removed", "message.created");
        await bobHub.InvokeAsync("Subscribe", channel);

        await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/channels/{channel}/bans", mod, new { user_id = bob.Id, reason = "trolling" });
        Assert.Equal(channel.ToString(), (await bobHub.NextAsync("channel.removed")).Str("channel_id"));
        Assert.Equal("trolling", (await bobHub.NextAsync("moderation.banned")).Str("reason"));
        await app.RefusedAsync(HttpStatusCode.Forbidden, "channel_banned", HttpMethod.Get, $"/api/chat/channels/{channel}/messages", bob);
        await app.RefusedAsync(HttpStatusCode.Forbidden, "channel_banned", HttpMethod.Post, $"/api/chat/channels/{channel}/join", bob);
        await app.RefusedAsync(HttpStatusCode.Conflict, "already_banned", HttpMethod.Post, $"/api/chat/channels/{channel}/bans", mod, new { user_id = bob.Id });
        Assert.Single((await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/channels/{channel}/bans", mod)).EnumerateArray());
        await app.PostAsync(channel, mod, "not for bob");

        using (var unbanned = await app.SendAsync(HttpMethod.Delete, $"/api/chat/channels/{channel}/bans/{bob.Id}", mod.Token))
        {
            Assert.Equal(HttpStatusCode.NoContent, unbanned.StatusCode);
        }
        await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/channels/{channel}/join", bob);
        Assert.False(bobHub.HasPending("message.created"), "a banned user's connection still heard the channel");
        await AssertAuditedAsync(app, "chat.channel.member_banned", mod.Id);
    }

    [Theory, BothProviders]
    public async Task Purge_soft_deletes_the_newest_messages_of_one_user_and_announces_each(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (_, mod, bob, _, channel) = await RoomWithModeratorAsync(app);
        var kept = (await app.PostAsync(channel, bob, "early")).Str("id");
        for (var i = 0; i < 3; i++)
        {
            await app.PostAsync(channel, bob, $"spam {i}");
        }
        await app.PostAsync(channel, mod, "mod stays");
        await using var modHub = await app.HubAsync(mod, HubProtocol.Json, "message.deleted");
        await modHub.InvokeAsync("Subscribe", channel);

        var result = await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/channels/{channel}/purge", mod, new { count = 3, user_id = bob.Id });
        Assert.Equal(3, result.GetProperty("deleted").GetInt32());
        for (var i = 0; i < 3; i++)
        {
            await modHub.NextAsync("message.deleted");
        }
        var history = await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/channels/{channel}/messages", mod);
        var live = history.GetProperty("messages").EnumerateArray().Where(m => m.GetProperty("deleted_at").ValueKind == System.Text.Json.JsonValueKind.Null)
            .Select(m => m.Str("id")).ToList();
        Assert.Equal(2, live.Count);
        Assert.Contains(kept, live);
        await app.RefusedAsync(HttpStatusCode.Forbidden, "forbidden_role", HttpMethod.Post, $"/api/chat/channels/{channel}/purge", bob, new { count = 1 });
        await AssertAuditedAsync(app, "chat.messages.purged", mod.Id);
    }

    [Theory, BothProviders]
    public async Task A_quarantined_message_is_hidden_from_members_but_not_from_staff(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (_, mod, bob, _, channel) = await RoomWithModeratorAsync(app);
        var id = (await app.PostAsync(channel, bob, "questionable")).Str("id");
        await using var bobHub = await app.HubAsync(bob, HubProtocol.Json, "message.updated");
        await bobHub.InvokeAsync("Subscribe", channel);

        await app.RefusedAsync(HttpStatusCode.Forbidden, "forbidden_role", HttpMethod.Put, $"/api/chat/messages/{id}/quarantine", bob);
        var staffView = await app.OkJsonAsync(HttpMethod.Put, $"/api/chat/messages/{id}/quarantine", mod);
        Assert.Equal("questionable", staffView.Str("plaintext"));
        var pushed = await bobHub.NextAsync("message.updated");
        Assert.True(pushed.GetProperty("quarantined").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, pushed.GetProperty("plaintext").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/messages/{id}", bob)).GetProperty("plaintext").ValueKind);

        await app.OkJsonAsync(HttpMethod.Delete, $"/api/chat/messages/{id}/quarantine", mod);
        Assert.False((await bobHub.NextAsync("message.updated")).GetProperty("quarantined").GetBoolean());
        Assert.Equal("questionable", (await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/messages/{id}", bob)).Str("plaintext"));
        await AssertAuditedAsync(app, "chat.message.quarantined", mod.Id);
    }

    [Theory, BothProviders]
    public async Task Reports_go_to_the_targets_community_and_follow_the_workflow(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (owner, mod, bob, community, channel) = await RoomWithModeratorAsync(app);
        var outsider = await app.UserAsync("outsider");
        var otherCommunity = await app.CommunityAsync(outsider, "Elsewhere");
        var messageId = (await app.PostAsync(channel, owner, "rude")).Str("id");
        await using var bobHub = await app.HubAsync(bob, HubProtocol.Json, "moderation.report_updated");

        await app.RefusedAsync(HttpStatusCode.NotFound, "report_target_not_found", HttpMethod.Post, "/api/chat/reports", outsider,
            new { report_type = "message", target_id = messageId, reason = "rude" });
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Post, "/api/chat/reports", bob,
            new { report_type = "channel", target_id = messageId, reason = "rude" });
        var report = await app.OkJsonAsync(HttpMethod.Post, "/api/chat/reports", bob, new { report_type = "message", target_id = messageId, reason = "rude" });
        Assert.Equal("pending", report.Str("status"));
        await app.OkJsonAsync(HttpMethod.Post, "/api/chat/reports", bob, new { report_type = "user", target_id = outsider.Id, reason = "spams me" });

        var listed = await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/communities/{community}/reports?status=pending", mod);
        Assert.Equal([report.Str("id")], listed.EnumerateArray().Select(r => r.Str("id")));
        Assert.Single((await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/communities/{otherCommunity}/reports", outsider)).EnumerateArray());
        await app.RefusedAsync(HttpStatusCode.Forbidden, "forbidden_role", HttpMethod.Get, $"/api/chat/communities/{community}/reports", bob);
        await app.RefusedAsync(HttpStatusCode.NotFound, "report_not_found", HttpMethod.Patch, $"/api/chat/reports/{report.Str("id")}", outsider, new { status = "reviewed" });

        var path = $"/api/chat/reports/{report.Str("id")}";
        await app.RefusedAsync(HttpStatusCode.Conflict, "invalid_transition", HttpMethod.Patch, path, mod, new { status = "resolved" });
        await app.OkJsonAsync(HttpMethod.Patch, path, mod, new { status = "reviewed", admin_notes = "looking" });
        Assert.Equal("reviewed", (await bobHub.NextAsync("moderation.report_updated")).Str("status"));
        var resolved = await app.OkJsonAsync(HttpMethod.Patch, path, mod, new { status = "resolved" });
        Assert.Equal("looking", resolved.Str("admin_notes"));
        await app.RefusedAsync(HttpStatusCode.Conflict, "invalid_transition", HttpMethod.Patch, path, mod, new { status = "dismissed" });
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Patch, path, mod, new { status = "pending" });
        await AssertAuditedAsync(app, "chat.report.resolved", mod.Id);
    }

    [Theory, BothProviders]
    public async Task Leaving_or_being_kicked_from_a_community_ends_its_channel_memberships_and_subscriptions(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (owner, mod, bob, community, channel) = await RoomWithModeratorAsync(app);
        var carol = await app.UserAsync("carol");
        await app.JoinAsync(community, owner, carol);
        await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/channels/{channel}/join", carol);
        await using var bobHub = await app.HubAsync(bob, HubProtocol.Json, "channel.removed");
        await bobHub.InvokeAsync("Subscribe", channel);

        using (var kicked = await app.SendAsync(HttpMethod.Delete, $"/api/chat/communities/{community}/members/{bob.Id}", mod.Token))
        {
            Assert.Equal(HttpStatusCode.NoContent, kicked.StatusCode);
        }
        Assert.Equal(channel.ToString(), (await bobHub.NextAsync("channel.removed")).Str("channel_id"));
        using (var left = await app.SendAsync(HttpMethod.Post, $"/api/chat/communities/{community}/leave", carol.Token))
        {
            Assert.Equal(HttpStatusCode.NoContent, left.StatusCode);
        }
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        Assert.False(await db.ChannelMembers.AnyAsync(m => m.UserId == bob.Id || m.UserId == carol.Id));
    }

    /// <summary>An owner, a moderator and a member, all in one channel of the owner's community.</summary>
    private static async Task<(ChatUser Owner, ChatUser Mod, ChatUser Bob, Guid Community, Guid Channel)> RoomWithModeratorAsync(TestApp app)
    {
        var owner = await app.UserAsync("owner");
        var mod = await app.UserAsync("mod");
        var bob = await app.UserAsync("bob");
        var (community, channel) = await app.RoomAsync(owner, mod, bob);
        await app.SetRoleAsync(community, owner, mod, "moderator");
        return (owner, mod, bob, community, channel);
    }

    private static async Task AssertAuditedAsync(TestApp app, string action, Guid userId)
    {
        await using var scope = app.CreateScope();
        var core = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
        Assert.True(await core.AuditLog.AnyAsync(e => e.Action == action && e.UserId == userId), $"no audit entry {action}");
    }
}
