using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Storage;
using Microsoft.Extensions.Time.Testing;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Chat.Tests.Api;

public sealed class InvitesApiTests
{
    [Theory, BothProviders]
    public async Task Joining_by_code_makes_a_member_until_the_uses_run_out(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        var carol = await app.UserAsync("carol");
        var id = await app.CommunityAsync(alice);
        var invite = await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/communities/{id}/invites", alice, new { max_uses = 1 });
        var code = invite.Str("code");

        var joined = await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/invites/{code}/join", bob);
        Assert.Equal("member", joined.Str("my_role"));
        // Joining again is harmless and spends nothing.
        await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/invites/{code}/join", bob);

        await app.RefusedAsync(HttpStatusCode.Gone, "invite_used_up", HttpMethod.Post, $"/api/chat/invites/{code}/join", carol);
        await app.RefusedAsync(HttpStatusCode.NotFound, "invite_not_found", HttpMethod.Post, "/api/chat/invites/nope/join", carol);
        await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/communities/{id}", bob);
    }

    [Theory, BothProviders]
    public async Task An_expired_invite_is_gone(string provider)
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var app = await TestApp.StartAsync(provider, customize: builder => builder.Services.AddSingleton<TimeProvider>(clock));
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        var id = await app.CommunityAsync(alice);
        var invite = await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/communities/{id}/invites", alice, new { expires_in_seconds = 60 });

        clock.Advance(TimeSpan.FromSeconds(61));

        await app.RefusedAsync(HttpStatusCode.Gone, "invite_expired", HttpMethod.Post, $"/api/chat/invites/{invite.Str("code")}/join", bob);
    }

    [Theory, BothProviders]
    public async Task Who_may_create_invites_follows_the_community_setting(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        var id = await app.CommunityAsync(alice);
        await app.JoinAsync(id, alice, bob);

        await app.RefusedAsync(HttpStatusCode.Forbidden, "forbidden_role", HttpMethod.Post, $"/api/chat/communities/{id}/invites", bob, new { });
        await app.OkJsonAsync(HttpMethod.Patch, $"/api/chat/communities/{id}", alice, new { who_can_create_invites = "member" });
        await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/communities/{id}/invites", bob, new { });
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Post, $"/api/chat/communities/{id}/invites", bob, new { max_uses = 0 });
    }

    [Theory, BothProviders]
    public async Task A_banned_user_cannot_join_until_unbanned(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        var id = await app.CommunityAsync(alice);
        await app.JoinAsync(id, alice, bob);
        var code = (await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/communities/{id}/invites", alice, new { })).Str("code");

        await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/communities/{id}/bans", alice, new { user_id = bob.Id, reason = "spam" });

        await app.RefusedAsync(HttpStatusCode.Forbidden, "not_a_member", HttpMethod.Get, $"/api/chat/communities/{id}", bob);
        await app.RefusedAsync(HttpStatusCode.Forbidden, "banned_from_community", HttpMethod.Post, $"/api/chat/invites/{code}/join", bob);
        await app.OkJsonAsync(HttpMethod.Delete, $"/api/chat/communities/{id}/bans/{bob.Id}", alice);
        await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/invites/{code}/join", bob);

        await using var scope = app.CreateScope();
        var core = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
        var actions = await core.AuditLog.Where(e => e.UserId == alice.Id && e.Action.StartsWith("chat.")).Select(e => e.Action).ToListAsync();
        Assert.Equal(["chat.community.member_banned", "chat.community.member_unbanned"], actions.Order(StringComparer.Ordinal));
    }
}
