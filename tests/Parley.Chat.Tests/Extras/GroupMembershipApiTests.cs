using System.Net;
using Parley.Chat.Tests.Api;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Chat.Tests.Extras;

public sealed class GroupMembershipApiTests
{
    [Theory, BothProviders]
    public async Task Community_members_join_and_leave_groups_and_the_owner_sets_roles(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        var community = await app.CommunityAsync(alice);
        await app.JoinAsync(community, alice, bob);
        var group = await app.GroupAsync(community, alice);
        await using var aliceHub = await app.HubAsync(alice, HubProtocol.Json, "group.member_joined", "group.member_left", "group.member_updated");
        await aliceHub.InvokeAsync("SubscribeCommunity", community);

        var joined = await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/groups/{group}/join", bob);
        Assert.Equal("member", joined.Str("role"));
        Assert.Equal(bob.Id.ToString(), (await aliceHub.NextAsync("group.member_joined")).Str("user_id"));
        await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/groups/{group}/join", bob); // idempotent
        var members = await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/groups/{group}/members", bob);
        Assert.Equal([("owner", alice.Id.ToString()), ("member", bob.Id.ToString())], members.EnumerateArray().Select(m => (m.Str("role"), m.Str("user_id"))));

        await app.RefusedAsync(HttpStatusCode.Forbidden, "forbidden_role", HttpMethod.Put, $"/api/chat/groups/{group}/members/{alice.Id}/role", bob, new { role = "member" });
        var promoted = await app.OkJsonAsync(HttpMethod.Put, $"/api/chat/groups/{group}/members/{bob.Id}/role", alice, new { role = "admin" });
        Assert.Equal("admin", promoted.Str("role"));
        Assert.Equal("admin", (await aliceHub.NextAsync("group.member_updated")).Str("role"));
        // An admin cannot take the group over; the owner hands it on and becomes an admin.
        await app.RefusedAsync(HttpStatusCode.Forbidden, "forbidden_role", HttpMethod.Put, $"/api/chat/groups/{group}/members/{bob.Id}/role", bob, new { role = "owner" });
        await app.RefusedAsync(HttpStatusCode.Conflict, "owner_cannot_leave", HttpMethod.Post, $"/api/chat/groups/{group}/leave", alice);
        await app.OkJsonAsync(HttpMethod.Put, $"/api/chat/groups/{group}/members/{bob.Id}/role", alice, new { role = "owner" });
        var after = await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/groups/{group}/members", alice);
        Assert.Equal([("admin", alice.Id.ToString()), ("owner", bob.Id.ToString())], after.EnumerateArray().Select(m => (m.Str("role"), m.Str("user_id"))));

        using (var left = await app.SendAsync(HttpMethod.Post, $"/api/chat/groups/{group}/leave", alice.Token))
        {
            Assert.Equal(HttpStatusCode.NoContent, left.StatusCode);
        }
        await Eventually.Until(() => aliceHub.HasPending("group.member_left"));
        Assert.Equal(alice.Id.ToString(), (await aliceHub.NextAsync("group.member_left")).Str("user_id"));
    }

    [Theory, BothProviders]
    public async Task Outsiders_and_bad_roles_are_refused(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        var eve = await app.UserAsync("eve");
        var community = await app.CommunityAsync(alice);
        await app.JoinAsync(community, alice, bob);
        var group = await app.GroupAsync(community, alice);

        await app.RefusedAsync(HttpStatusCode.Forbidden, "not_a_member", HttpMethod.Post, $"/api/chat/groups/{group}/join", eve);
        await app.RefusedAsync(HttpStatusCode.Forbidden, "not_a_member", HttpMethod.Get, $"/api/chat/groups/{group}/members", eve);
        await app.RefusedAsync(HttpStatusCode.NotFound, "group_not_found", HttpMethod.Post, $"/api/chat/groups/{Guid.NewGuid()}/join", bob);
        await app.RefusedAsync(HttpStatusCode.Forbidden, "not_a_group_member", HttpMethod.Post, $"/api/chat/groups/{group}/leave", bob);
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Put, $"/api/chat/groups/{group}/members/{alice.Id}/role", alice, new { role = "king" });
        await app.RefusedAsync(HttpStatusCode.NotFound, "group_member_not_found", HttpMethod.Put, $"/api/chat/groups/{group}/members/{bob.Id}/role", alice, new { role = "admin" });
        await app.RefusedAsync(HttpStatusCode.Conflict, "owner_required", HttpMethod.Put, $"/api/chat/groups/{group}/members/{alice.Id}/role", alice, new { role = "member" });
    }
}
