using System.Net;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Chat.Tests.Api;

public sealed class MembersApiTests
{
    private static async Task<(TestApp App, Guid Community, ChatUser Owner, ChatUser Bob, ChatUser Carol)> StartAsync(string provider)
    {
        var app = await TestApp.StartAsync(provider);
        var owner = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        var carol = await app.UserAsync("carol");
        var id = await app.CommunityAsync(owner);
        await app.JoinAsync(id, owner, bob);
        await app.JoinAsync(id, owner, carol);
        return (app, id, owner, bob, carol);
    }

    [Theory, BothProviders]
    public async Task Only_owners_and_admins_set_roles_and_nobody_changes_the_owners(string provider)
    {
        var (app, id, owner, bob, carol) = await StartAsync(provider);
        await using var _ = app;

        await app.RefusedAsync(HttpStatusCode.Forbidden, "forbidden_role", HttpMethod.Put, $"/api/chat/communities/{id}/members/{carol.Id}/role", bob, new { role = "moderator" });
        await app.SetRoleAsync(id, owner, bob, "admin");
        await app.SetRoleAsync(id, bob, carol, "moderator");

        await app.RefusedAsync(HttpStatusCode.Forbidden, "cannot_change_owner", HttpMethod.Put, $"/api/chat/communities/{id}/members/{owner.Id}/role", bob, new { role = "member" });
        // An admin cannot make another admin; only the owner ranks above admins.
        await app.RefusedAsync(HttpStatusCode.Forbidden, "forbidden_role", HttpMethod.Put, $"/api/chat/communities/{id}/members/{carol.Id}/role", bob, new { role = "admin" });
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Put, $"/api/chat/communities/{id}/members/{carol.Id}/role", owner, new { role = "owner" });
        var members = await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/communities/{id}/members", carol);
        Assert.Equal("moderator", members.EnumerateArray().Single(m => m.GetProperty("user_id").GetGuid() == carol.Id).Str("role"));
    }

    [Theory, BothProviders]
    public async Task Moderators_kick_members_below_them_only(string provider)
    {
        var (app, id, owner, bob, carol) = await StartAsync(provider);
        await using var _ = app;

        await app.RefusedAsync(HttpStatusCode.Forbidden, "forbidden_role", HttpMethod.Delete, $"/api/chat/communities/{id}/members/{carol.Id}", bob);
        await app.SetRoleAsync(id, owner, bob, "moderator");
        await app.RefusedAsync(HttpStatusCode.Forbidden, "forbidden_role", HttpMethod.Delete, $"/api/chat/communities/{id}/members/{owner.Id}", bob);
        await app.RefusedAsync(HttpStatusCode.Forbidden, "forbidden_role", HttpMethod.Post, $"/api/chat/communities/{id}/bans", bob, new { user_id = owner.Id });

        await app.OkJsonAsync(HttpMethod.Delete, $"/api/chat/communities/{id}/members/{carol.Id}", bob);

        await app.RefusedAsync(HttpStatusCode.Forbidden, "not_a_member", HttpMethod.Get, $"/api/chat/communities/{id}", carol);
    }

    [Theory, BothProviders]
    public async Task The_owner_must_transfer_before_leaving(string provider)
    {
        var (app, id, owner, bob, carol) = await StartAsync(provider);
        await using var _ = app;

        await app.RefusedAsync(HttpStatusCode.Conflict, "owner_must_transfer", HttpMethod.Post, $"/api/chat/communities/{id}/leave", owner);
        await app.RefusedAsync(HttpStatusCode.Forbidden, "forbidden_role", HttpMethod.Post, $"/api/chat/communities/{id}/transfer", bob, new { user_id = carol.Id });

        await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/communities/{id}/transfer", owner, new { user_id = bob.Id });
        await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/communities/{id}/leave", owner);
        await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/communities/{id}/leave", carol);

        var community = await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/communities/{id}", bob);
        Assert.Equal(bob.Id, community.GetProperty("owner_id").GetGuid());
        Assert.Equal("owner", community.Str("my_role"));
        var members = await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/communities/{id}/members", bob);
        Assert.Single(members.EnumerateArray());
    }

    [Theory, BothProviders]
    public async Task Members_set_their_own_nickname_and_moderators_set_others(string provider)
    {
        var (app, id, owner, bob, carol) = await StartAsync(provider);
        await using var _ = app;

        var me = await app.OkJsonAsync(HttpMethod.Put, $"/api/chat/communities/{id}/members/{bob.Id}/nickname", bob, new { nickname = "Bobby" });
        Assert.Equal("Bobby", me.Str("nickname"));
        await app.RefusedAsync(HttpStatusCode.Forbidden, "forbidden_role", HttpMethod.Put, $"/api/chat/communities/{id}/members/{carol.Id}/nickname", bob, new { nickname = "x" });
        var set = await app.OkJsonAsync(HttpMethod.Put, $"/api/chat/communities/{id}/members/{carol.Id}/nickname", owner, new { nickname = "Caz" });
        Assert.Equal("Caz", set.Str("nickname"));
    }
}
