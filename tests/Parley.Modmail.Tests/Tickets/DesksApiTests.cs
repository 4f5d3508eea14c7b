using System.Net;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Modmail.Tests.Tickets;

/// <summary>Who sets up Modmail for a community, who finds its desk, who contacts staff.</summary>
public sealed class DesksApiTests
{
    [Theory, BothProviders]
    public async Task Admins_set_up_a_desk_members_find_it_and_contact_staff_outsiders_learn_nothing(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        var mallory = await app.UserAsync("mallory");
        var community = await app.CommunityAsync(alice, "Crabs");
        await app.JoinAsync(community, alice, bob);

        await app.RefusedAsync(HttpStatusCode.Forbidden, "forbidden_role", HttpMethod.Post, "/api/modmail/desks", bob, new { community_id = community });
        await app.RefusedAsync(HttpStatusCode.NotFound, "community_not_found", HttpMethod.Post, "/api/modmail/desks", mallory, new { community_id = community });
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Post, "/api/modmail/desks", alice, new { community_id = community, mode = "triple" });
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Post, "/api/modmail/desks", alice, new { community_id = community, mode = "dual" });
        // Dual mode needs admin of the staff community too.
        var staffCommunity = await app.CommunityAsync(mallory, "Crab staff");
        await app.RefusedAsync(HttpStatusCode.NotFound, "community_not_found", HttpMethod.Post, "/api/modmail/desks", alice,
            new { community_id = community, mode = "dual", staff_community_id = staffCommunity });

        var desk = await app.OkJsonAsync(HttpMethod.Post, "/api/modmail/desks", alice, new { community_id = community });
        Assert.Equal("single", desk.Str("mode"));
        Assert.Equal(community.ToString(), desk.Str("staff_community_id"));
        await app.RefusedAsync(HttpStatusCode.Conflict, "desk_exists", HttpMethod.Post, "/api/modmail/desks", alice, new { community_id = community });

        var found = await app.OkJsonAsync(HttpMethod.Get, $"/api/modmail/communities/{community}/desk", bob);
        Assert.Equal(desk.Str("bot_user_id"), found.Str("bot_user_id"));
        Assert.True(found.GetProperty("enabled").GetBoolean());
        await app.RefusedAsync(HttpStatusCode.NotFound, "desk_not_found", HttpMethod.Get, $"/api/modmail/communities/{community}/desk", mallory);

        // The bot is a member named after the community, and nobody signs in as it.
        var members = await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/communities/{community}/members", bob);
        Assert.Contains(members.EnumerateArray(), m => m.Str("user_id") == desk.Str("bot_user_id"));
        var contact = await app.OkJsonAsync(HttpMethod.Post, $"/api/modmail/desks/{desk.Str("id")}/contact", bob);
        Assert.Equal(contact.Str("channel_id"), (await app.OkJsonAsync(HttpMethod.Post, $"/api/modmail/desks/{desk.Str("id")}/contact", bob)).Str("channel_id"));
        await app.RefusedAsync(HttpStatusCode.NotFound, "desk_not_found", HttpMethod.Post, $"/api/modmail/desks/{desk.Str("id")}/contact", mallory);
        var groups = await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/communities/{community}/groups", alice);
        Assert.Contains(groups.EnumerateArray(), g => g.Str("id") == desk.Str("tickets_group_id") && g.Str("name") == "Tickets");
    }

    [Theory, BothProviders]
    public async Task A_dual_desk_keeps_tickets_in_the_staff_community(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        var carol = await app.UserAsync("carol");
        var community = await app.CommunityAsync(alice, "Crabs");
        var staff = await app.CommunityAsync(alice, "Crab staff");
        await app.JoinAsync(community, alice, bob);
        await app.JoinAsync(staff, alice, carol);
        await app.SetRoleAsync(staff, alice, carol, "moderator");
        var desk = await app.OkJsonAsync(HttpMethod.Post, "/api/modmail/desks", alice, new { community_id = community, mode = "dual", staff_community_id = staff });
        await app.OkJsonAsync(HttpMethod.Post, $"/api/modmail/desks/{desk.Str("id")}/contact", bob);

        await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/dms/{desk.Str("bot_user_id")}/messages", bob, new { plaintext = "help" });

        var channels = await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/groups/{desk.Str("tickets_group_id")}/channels", carol);
        var channel = Assert.Single(channels.EnumerateArray());
        Assert.Equal("bob", channel.Str("name"));
        await app.PostAsync(Guid.Parse(channel.Str("id")), carol, "!r hello from staff");
        var dm = await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/dms", bob);
        Assert.NotEqual(0, dm.GetArrayLength());
    }
}
