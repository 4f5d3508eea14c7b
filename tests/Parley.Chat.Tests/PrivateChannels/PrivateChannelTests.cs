using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Parley.Chat.Channels;
using Parley.Chat.Storage;
using Parley.Chat.Tests.Api;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Chat.Tests.PrivateChannels;

/// <summary>
/// A private channel is its members' alone: community members, moderators and admins who are not in it meet a
/// channel that does not exist (404 <c>channel_not_found</c>) on every path, listings and search included.
/// </summary>
public sealed class PrivateChannelTests
{
    /// <summary>
    /// A community (owner) with a moderator, an admin and two members, a public channel everyone joined, and a
    /// private channel in the same group whose members are the owner (its creator) and alice.
    /// </summary>
    private sealed record Desk(ChatUser Owner, ChatUser Admin, ChatUser Mod, ChatUser Alice, ChatUser Bob, Guid Community, Guid Group, Guid Public, Guid Private);

    private static async Task<Desk> DeskAsync(TestApp app)
    {
        var owner = await app.UserAsync("owner");
        var admin = await app.UserAsync("boss");
        var mod = await app.UserAsync("mod");
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        var community = await app.CommunityAsync(owner);
        var group = await app.GroupAsync(community, owner);
        var open = (await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/groups/{group}/channels", owner, new { name = "lobby" })).GetProperty("id").GetGuid();
        var ticket = (await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/groups/{group}/channels", owner, new { name = "ticket-1" })).GetProperty("id").GetGuid();
        await app.MakePrivateAsync(ticket);
        foreach (var user in new[] { admin, mod, alice, bob })
        {
            await app.JoinAsync(community, owner, user);
            await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/channels/{open}/join", user);
        }
        await app.SetRoleAsync(community, owner, mod, "moderator");
        await app.SetRoleAsync(community, owner, admin, "admin");
        await app.AddPrivateMemberAsync(ticket, alice.Id);
        return new Desk(owner, admin, mod, alice, bob, community, group, open, ticket);
    }

    private static List<string> Names(JsonElement channels) => channels.EnumerateArray().Select(c => c.Str("name")).ToList();

    private static List<string> Texts(JsonElement page) => page.GetProperty("messages").EnumerateArray().Select(m => m.Str("plaintext")).ToList();

    [Theory, BothProviders]
    public async Task A_private_channel_is_listed_only_to_its_members(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var d = await DeskAsync(app);
        var path = $"/api/chat/groups/{d.Group}/channels";

        var seenByAlice = await app.OkJsonAsync(HttpMethod.Get, path, d.Alice);
        Assert.Equal(["lobby", "ticket-1"], Names(seenByAlice));
        Assert.True(seenByAlice[1].GetProperty("is_private").GetBoolean());
        Assert.False(seenByAlice[0].GetProperty("is_private").GetBoolean());
        foreach (var outside in new[] { d.Bob, d.Mod, d.Admin })
        {
            Assert.Equal(["lobby"], Names(await app.OkJsonAsync(HttpMethod.Get, path, outside)));
        }
        // Managing it is for its members too: to a community admin outside it, it does not exist.
        await app.RefusedAsync(HttpStatusCode.NotFound, "channel_not_found", HttpMethod.Patch, $"/api/chat/channels/{d.Private}", d.Admin, new { topic = "peek" });
        Assert.True((await app.OkJsonAsync(HttpMethod.Patch, $"/api/chat/channels/{d.Private}", d.Owner, new { topic = "help" })).GetProperty("is_private").GetBoolean());
        // The API makes no private channels: there is no such field to ask for one.
        await app.RefusedAsync(HttpStatusCode.BadRequest, "unknown_field", HttpMethod.Post, path, d.Owner, new { name = "secret", is_private = true });
    }

    [Theory, BothProviders]
    public async Task Nobody_joins_a_private_channel_and_its_members_may_leave(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var d = await DeskAsync(app);
        var join = $"/api/chat/channels/{d.Private}/join";

        foreach (var outside in new[] { d.Bob, d.Mod, d.Admin })
        {
            await app.RefusedAsync(HttpStatusCode.NotFound, "channel_not_found", HttpMethod.Post, join, outside);
            await app.RefusedAsync(HttpStatusCode.NotFound, "channel_not_found", HttpMethod.Post, $"/api/chat/channels/{d.Private}/leave", outside);
        }
        // A member joining again is told their membership, as in any channel.
        Assert.Equal("member", (await app.OkJsonAsync(HttpMethod.Post, join, d.Alice)).Str("role"));
        await using var hub = await app.HubAsync(d.Alice, HubProtocol.Json, "channel.removed");
        await app.OkAsync(HttpMethod.Post, $"/api/chat/channels/{d.Private}/leave", d.Alice);
        Assert.Equal(d.Private.ToString(), (await hub.NextAsync("channel.removed")).Str("channel_id"));
        await app.RefusedAsync(HttpStatusCode.NotFound, "channel_not_found", HttpMethod.Post, join, d.Alice);
        await app.RefusedAsync(HttpStatusCode.NotFound, "channel_not_found", HttpMethod.Get, $"/api/chat/channels/{d.Private}/messages", d.Alice);
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
            Assert.False(db.ChannelMembers.Any(m => m.ChannelId == d.Private && m.UserId == d.Alice.Id));
        }
    }

    [Theory, BothProviders]
    public async Task Moderators_outside_a_private_channel_neither_read_nor_moderate_it_and_those_added_do(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var d = await DeskAsync(app);
        var message = (await app.PostAsync(d.Private, d.Alice, "my order is late")).Str("id");

        foreach (var outside in new[] { d.Mod, d.Admin, d.Bob })
        {
            await app.RefusedAsync(HttpStatusCode.NotFound, "channel_not_found", HttpMethod.Get, $"/api/chat/channels/{d.Private}/messages", outside);
            await app.RefusedAsync(HttpStatusCode.NotFound, "channel_not_found", HttpMethod.Get, $"/api/chat/messages/{message}", outside);
            await app.RefusedAsync(HttpStatusCode.NotFound, "channel_not_found", HttpMethod.Post, $"/api/chat/channels/{d.Private}/messages", outside, new { plaintext = "hi" });
            await app.RefusedAsync(HttpStatusCode.NotFound, "channel_not_found", HttpMethod.Get, $"/api/chat/channels/{d.Private}/members", outside);
            await app.RefusedAsync(HttpStatusCode.NotFound, "channel_not_found", HttpMethod.Delete, $"/api/chat/messages/{message}", outside);
        }
        await app.RefusedAsync(HttpStatusCode.NotFound, "channel_not_found", HttpMethod.Post, $"/api/chat/channels/{d.Private}/timeouts", d.Mod,
            new { user_id = d.Alice.Id, duration_seconds = 600 });
        await app.RefusedAsync(HttpStatusCode.NotFound, "channel_not_found", HttpMethod.Put, $"/api/chat/messages/{message}/pin", d.Mod);
        await app.RefusedAsync(HttpStatusCode.NotFound, "channel_not_found", HttpMethod.Post, $"/api/chat/channels/{d.Private}/purge", d.Admin, new { count = 10 });
        // Not being in the channel hides it even from an outsider of the community (no not_a_member hint either).
        var stranger = await app.UserAsync("stranger");
        await app.RefusedAsync(HttpStatusCode.NotFound, "channel_not_found", HttpMethod.Get, $"/api/chat/channels/{d.Private}/messages", stranger);

        // The moderator the server adds reads and moderates it like any channel.
        await app.AddPrivateMemberAsync(d.Private, d.Mod.Id);
        Assert.Equal(["my order is late"], (await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/channels/{d.Private}/messages", d.Mod))
            .GetProperty("messages").EnumerateArray().Select(m => m.Str("plaintext")).ToList());
        await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/channels/{d.Private}/timeouts", d.Mod, new { user_id = d.Alice.Id, duration_seconds = 600 });
        await app.RefusedAsync(HttpStatusCode.Forbidden, "timed_out", HttpMethod.Post, $"/api/chat/channels/{d.Private}/messages", d.Alice, new { plaintext = "hello?" });
        // A plain member of it is no moderator of it.
        await app.RefusedAsync(HttpStatusCode.Forbidden, "forbidden_role", HttpMethod.Get, $"/api/chat/channels/{d.Private}/timeouts", d.Alice);
    }

    [Theory, BothProviders]
    public async Task A_channel_ban_still_bars_a_member_of_a_private_channel(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var d = await DeskAsync(app);
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
            var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            db.ChannelBans.Add(new ChannelBan { ChannelId = d.Private, UserId = d.Alice.Id, BannedBy = d.Owner.Id, BannedAt = now });
            await db.SaveChangesAsync();
        }
        await app.RefusedAsync(HttpStatusCode.Forbidden, "channel_banned", HttpMethod.Get, $"/api/chat/channels/{d.Private}/messages", d.Alice);
        await app.RefusedAsync(HttpStatusCode.Forbidden, "channel_banned", HttpMethod.Post, $"/api/chat/channels/{d.Private}/messages", d.Alice, new { plaintext = "hi" });
    }

    [Theory, BothProviders]
    public async Task Search_reports_and_bookmarks_leave_out_private_channels_the_caller_is_not_in(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var d = await DeskAsync(app);
        await app.PostAsync(d.Public, d.Bob, "refund question in public");
        var secret = (await app.PostAsync(d.Private, d.Alice, "refund for order 42")).Str("id");
        var report = await app.OkJsonAsync(HttpMethod.Post, "/api/chat/reports", d.Alice, new { report_type = "message", target_id = secret, reason = "spam" });
        await app.OkJsonAsync(HttpMethod.Post, "/api/chat/bookmarks", d.Alice, new { message_id = secret });

        var all = $"/api/chat/search?q=refund&community_id={d.Community}";
        Assert.Equal(["refund for order 42", "refund question in public"], Texts(await app.OkJsonAsync(HttpMethod.Get, all, d.Alice)));
        Assert.Equal(["refund for order 42", "refund question in public"], Texts(await app.OkJsonAsync(HttpMethod.Get, all, d.Owner)));
        foreach (var outside in new[] { d.Mod, d.Admin, d.Bob })
        {
            Assert.Equal(["refund question in public"], Texts(await app.OkJsonAsync(HttpMethod.Get, all, outside)));
            Assert.Equal(["refund question in public"], Texts(await app.OkJsonAsync(HttpMethod.Get, "/api/chat/search?q=refund", outside)));
            await app.RefusedAsync(HttpStatusCode.NotFound, "channel_not_found", HttpMethod.Get, $"/api/chat/search?q=refund&channel_id={d.Private}", outside);
            await app.RefusedAsync(HttpStatusCode.NotFound, "channel_not_found", HttpMethod.Post, "/api/chat/bookmarks", outside, new { message_id = secret });
            // As for a message that does not exist.
            await app.RefusedAsync(HttpStatusCode.NotFound, "report_target_not_found", HttpMethod.Post, "/api/chat/reports", outside,
                new { report_type = "message", target_id = secret, reason = "spam" });
        }

        // The report about the private message reaches the community's staff who are in the channel, not the others.
        var reports = $"/api/chat/communities/{d.Community}/reports";
        Assert.Empty((await app.OkJsonAsync(HttpMethod.Get, reports, d.Mod)).EnumerateArray());
        Assert.Empty((await app.OkJsonAsync(HttpMethod.Get, reports, d.Admin)).EnumerateArray());
        Assert.Equal([report.Str("id")], (await app.OkJsonAsync(HttpMethod.Get, reports, d.Owner)).EnumerateArray().Select(r => r.Str("id")).ToList());
        await app.RefusedAsync(HttpStatusCode.NotFound, "report_not_found", HttpMethod.Patch, $"/api/chat/reports/{report.Str("id")}", d.Mod, new { status = "reviewed" });

        // A member who leaves keeps the bookmark row but no longer sees it listed.
        Assert.Single((await app.OkJsonAsync(HttpMethod.Get, "/api/chat/bookmarks", d.Alice)).EnumerateArray());
        await app.RemovePrivateMemberAsync(d.Private, d.Alice.Id);
        Assert.Empty((await app.OkJsonAsync(HttpMethod.Get, "/api/chat/bookmarks", d.Alice)).EnumerateArray());
        Assert.Equal(["refund question in public"], Texts(await app.OkJsonAsync(HttpMethod.Get, "/api/chat/search?q=refund", d.Alice)));
    }

    [Theory, BothProviders]
    public async Task Events_of_a_private_channel_reach_its_members_only_and_added_members_at_once(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var d = await DeskAsync(app);
        await using var aliceHub = await app.HubAsync(d.Alice, HubProtocol.Json, "message.created");
        await using var modHub = await app.HubAsync(d.Mod, HubProtocol.Json, "message.created", "channel.added", "channel.removed", "mention");
        await using var bobHub = await app.HubAsync(d.Bob, HubProtocol.Json, "message.created", "channel.added");
        await aliceHub.InvokeAsync("Subscribe", d.Private);
        foreach (var outside in new[] { modHub, bobHub })
        {
            await outside.RefusedAsync("channel_not_found", "Subscribe", d.Private);
            await outside.InvokeAsync("SubscribeCommunity", d.Community);
            await outside.InvokeAsync("Subscribe", d.Public);
        }
        await modHub.RefusedAsync("channel_not_found", "SendMessage", d.Private, new Parley.Chat.Messages.SendMessageRequest(Plaintext: "hi"));
        await modHub.RefusedAsync("channel_not_found", "Typing", d.Private);

        // A private message (mentioning the moderator, who is not in the channel), then a public one: the
        // outsiders see only the second, and since events to one connection keep their order, never the first.
        await app.PostAsync(d.Private, d.Alice, "private @mod @everyone");
        await app.PostAsync(d.Public, d.Alice, "public");
        Assert.Equal("private @mod @everyone", (await aliceHub.NextAsync("message.created")).Str("plaintext"));
        Assert.Equal("public", (await modHub.NextAsync("message.created")).Str("plaintext"));
        Assert.Equal("public", (await bobHub.NextAsync("message.created")).Str("plaintext"));
        Assert.False(modHub.HasPending("mention"));

        // Added by the server: told at once and already subscribed on this node, without calling Subscribe.
        await app.AddPrivateMemberAsync(d.Private, d.Mod.Id);
        Assert.Equal(d.Private.ToString(), (await modHub.NextAsync("channel.added")).Str("channel_id"));
        await app.PostAsync(d.Private, d.Alice, "welcome, staff");
        Assert.Equal("welcome, staff", (await modHub.NextAsync("message.created")).Str("plaintext"));
        await app.PostAsync(d.Public, d.Alice, "public again");
        Assert.Equal("public again", (await bobHub.NextAsync("message.created")).Str("plaintext"));
        Assert.False(bobHub.HasPending("channel.added"));
        Assert.False(bobHub.HasPending("message.created"));

        // Removed by the server: out of the channel's group at once.
        await app.RemovePrivateMemberAsync(d.Private, d.Mod.Id);
        Assert.Equal(d.Private.ToString(), (await modHub.NextAsync("channel.removed")).Str("channel_id"));
        await app.PostAsync(d.Private, d.Alice, "after you left");
        await app.PostAsync(d.Public, d.Alice, "public last");
        Assert.Equal("public again", (await modHub.NextAsync("message.created")).Str("plaintext"));
        Assert.Equal("public last", (await modHub.NextAsync("message.created")).Str("plaintext"));
        Assert.False(modHub.HasPending("message.created"));
    }
}
