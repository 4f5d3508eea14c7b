using System.Net;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Chat.Tests.Api;

public sealed class CommunitiesApiTests
{
    [Theory, BothProviders]
    public async Task Creating_a_community_makes_the_creator_its_owner(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");

        var id = await app.CommunityAsync(alice, "Crabs");

        var community = await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/communities/{id}", alice);
        Assert.Equal("Crabs", community.Str("name"));
        Assert.Equal(alice.Id, community.GetProperty("owner_id").GetGuid());
        Assert.Equal("owner", community.Str("my_role"));
        Assert.Equal("admin", community.Str("who_can_create_groups"));
        var members = await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/communities/{id}/members", alice);
        var member = Assert.Single(members.EnumerateArray());
        Assert.Equal(alice.Id, member.GetProperty("user_id").GetGuid());
        Assert.Equal("owner", member.Str("role"));
    }

    [Theory, BothProviders]
    public async Task My_communities_lists_only_those_i_belong_to(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        var mine = await app.CommunityAsync(alice, "Alpha");
        await app.CommunityAsync(bob, "Beta");

        var list = await app.OkJsonAsync(HttpMethod.Get, "/api/chat/communities", alice);

        Assert.Equal([mine], list.EnumerateArray().Select(c => c.GetProperty("id").GetGuid()));
    }

    [Theory, BothProviders]
    public async Task An_outsider_gets_not_a_member_and_an_unknown_id_community_not_found(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var eve = await app.UserAsync("eve");
        var id = await app.CommunityAsync(alice);

        await app.RefusedAsync(HttpStatusCode.Forbidden, "not_a_member", HttpMethod.Get, $"/api/chat/communities/{id}", eve);
        await app.RefusedAsync(HttpStatusCode.Forbidden, "not_a_member", HttpMethod.Patch, $"/api/chat/communities/{id}", eve, new { name = "Mine" });
        await app.RefusedAsync(HttpStatusCode.Forbidden, "not_a_member", HttpMethod.Get, $"/api/chat/communities/{id}/members", eve);
        await app.RefusedAsync(HttpStatusCode.Forbidden, "not_a_member", HttpMethod.Post, $"/api/chat/communities/{id}/invites", eve, new { });
        await app.RefusedAsync(HttpStatusCode.NotFound, "community_not_found", HttpMethod.Get, $"/api/chat/communities/{Guid.NewGuid()}", alice);
    }

    [Theory, BothProviders]
    public async Task Admins_update_a_community_and_members_get_forbidden_role(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        var id = await app.CommunityAsync(alice);
        await app.JoinAsync(id, alice, bob);

        await app.RefusedAsync(HttpStatusCode.Forbidden, "forbidden_role", HttpMethod.Patch, $"/api/chat/communities/{id}", bob, new { name = "Bob's" });
        await app.SetRoleAsync(id, alice, bob, "admin");
        var updated = await app.OkJsonAsync(HttpMethod.Patch, $"/api/chat/communities/{id}", bob,
            new { name = "Renamed", accent_color = "#00ff00", who_can_create_invites = "member" });

        Assert.Equal("Renamed", updated.Str("name"));
        Assert.Equal("#00ff00", updated.Str("accent_color"));
        Assert.Equal("member", updated.Str("who_can_create_invites"));
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Patch, $"/api/chat/communities/{id}", bob, new { who_can_create_groups = "everyone" });
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Post, "/api/chat/communities", bob, new { name = "" });
    }

    [Theory, BothProviders]
    public async Task An_api_key_with_the_account_permission_is_no_person_to_act_for(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        using var client = await app.ClientWithAsync("account");

        using var response = await client.GetAsync(new Uri("/api/chat/communities", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("user_required", await response.ProblemCodeAsync());
    }
}
