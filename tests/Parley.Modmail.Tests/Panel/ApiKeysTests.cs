using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Parley.Core.Security;
using Parley.Modmail.ApiKeys;
using Parley.Modmail.Panel;
using Parley.Modmail.Storage;
using Parley.Modmail.Tickets;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Modmail.Tests.Panel;

/// <summary>Modmail's API keys from creation to deletion, and the external API's authentication and validation.</summary>
public sealed class ApiKeysTests
{
    private static async Task<(TestApp App, ChatUser Keeper, PanelWorld World, LoggedErrors Errors)> StartAsync(string provider)
    {
        var errors = new LoggedErrors();
        var app = await TestApp.StartAsync(provider, customize: builder => builder.Logging.AddProvider(errors));
        var owner = await app.UserAsync("owner1");
        var community = await app.CommunityAsync(owner);
        var keeper = await app.UserAsync("keeper");
        var world = await PanelWorld.CreateAsync(app, community);
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ModmailDbContext>();
        db.PanelPermissions.Add(new PanelPermission { SubjectType = "user", SubjectId = keeper.Id.ToString("D"), Permission = PanelPermissions.ManageApiKeys, GrantedBy = "test" });
        await db.SaveChangesAsync();
        return (app, keeper, world, errors);
    }

    /// <summary>A body the engine is never reached with: content is missing. A 400 means the key got past authentication.</summary>
    private static readonly object Incomplete = new { email = "someone@example.test" };

    [Theory, BothProviders]
    public async Task A_key_is_shown_once_stored_hashed_used_revoked_and_deleted(string provider)
    {
        var (app, keeper, world, _) = await StartAsync(provider);
        await using var _app = app;
        var keys = $"/api/modmail/desks/{world.Desk}/api-keys";

        var created = await app.OkJsonAsync(HttpMethod.Post, keys, keeper, new { name = "website", permissions = new[] { "tickets.create" } });
        var secret = created.Str("key");
        var id = created.GetProperty("id").GetInt64();
        Assert.StartsWith("mm_", secret, StringComparison.Ordinal);
        var listed = await app.OkJsonAsync(HttpMethod.Get, keys, keeper);
        var row = listed.EnumerateArray().Single(k => k.GetProperty("id").GetInt64() == id);
        Assert.False(row.TryGetProperty("key", out _));
        Assert.DoesNotContain(secret, listed.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, row.GetProperty("last_used_at").ValueKind);
        await using (var scope = app.CreateScope())
        {
            var stored = await scope.ServiceProvider.GetRequiredService<ModmailDbContext>().ApiKeys.AsNoTracking().SingleAsync(k => k.Id == id);
            Assert.Equal(SecretHashing.Sha256Hex(secret), stored.KeyHash);
        }

        using (var used = await app.CreateTicketAsync(secret, Incomplete))
        {
            Assert.Equal(HttpStatusCode.BadRequest, used.StatusCode);
        }
        listed = await app.OkJsonAsync(HttpMethod.Get, keys, keeper);
        Assert.True(listed.EnumerateArray().Single(k => k.GetProperty("id").GetInt64() == id).GetProperty("last_used_at").GetInt64() > 0);

        var revoked = await app.OkJsonAsync(HttpMethod.Post, $"{keys}/{id}/revoke", keeper);
        Assert.False(revoked.GetProperty("is_active").GetBoolean());
        using (var refused = await app.CreateTicketAsync(secret, Incomplete))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }
        listed = await app.OkJsonAsync(HttpMethod.Get, keys, keeper);
        Assert.Contains(listed.EnumerateArray(), k => k.GetProperty("id").GetInt64() == id);

        await app.OkAsync(HttpMethod.Delete, $"{keys}/{id}", keeper);
        listed = await app.OkJsonAsync(HttpMethod.Get, keys, keeper);
        Assert.DoesNotContain(listed.EnumerateArray(), k => k.GetProperty("id").GetInt64() == id);
        await app.RefusedAsync(HttpStatusCode.NotFound, "api_key_not_found", HttpMethod.Delete, $"{keys}/{id}", keeper);
    }

    [Theory, BothProviders]
    public async Task Expired_unknown_and_permissionless_keys_are_refused(string provider)
    {
        var (app, keeper, world, _) = await StartAsync(provider);
        await using var _app = app;
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeSeconds();
        var expiring = await app.OkJsonAsync(HttpMethod.Post, $"/api/modmail/desks/{world.Desk}/api-keys", keeper,
            new { name = "short", permissions = new[] { "tickets.create" }, expires_at = now + 3600 });
        using (var live = await app.CreateTicketAsync(expiring.Str("key"), Incomplete))
        {
            Assert.Equal(HttpStatusCode.BadRequest, live.StatusCode);
        }
        var noPermission = ModmailApiKeys.NewSecret();
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ModmailDbContext>();
            var id = expiring.GetProperty("id").GetInt64();
            await db.ApiKeys.Where(k => k.Id == id).ExecuteUpdateAsync(s => s.SetProperty(k => k.ExpiresAt, now - 1));
            db.ApiKeys.Add(new ModmailApiKey { KeyHash = SecretHashing.Sha256Hex(noPermission), Name = "none", Permissions = "[]", CreatedAt = now, DeskId = world.Desk });
            await db.SaveChangesAsync();
        }

        using (var expired = await app.CreateTicketAsync(expiring.Str("key"), Incomplete))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        }
        using (var unknown = await app.CreateTicketAsync("mm_" + new string('x', 43), Incomplete))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        }
        using (var none = await app.CreateTicketAsync(null, Incomplete))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        }
        using (var powerless = await app.CreateTicketAsync(noPermission, Incomplete))
        {
            Assert.Equal(HttpStatusCode.Forbidden, powerless.StatusCode);
        }
        // Parley's owner holds the Core permission by role, but names no desk: only Modmail keys open tickets here.
        var admin = await app.SignInAsync();
        using (var byAdmin = await app.CreateTicketAsync(null, new { email = "a@example.test", content = "Hi" }, admin.AccessToken))
        {
            Assert.Equal(HttpStatusCode.Forbidden, byAdmin.StatusCode);
            Assert.Equal("modmail_api_key_required", await byAdmin.ProblemCodeAsync());
        }
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Post, $"/api/modmail/desks/{world.Desk}/api-keys", keeper,
            new { name = "past", permissions = new[] { "tickets.create" }, expires_at = now - 10 });
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Post, $"/api/modmail/desks/{world.Desk}/api-keys", keeper,
            new { name = "odd", permissions = new[] { "tickets.delete" } });
    }

    [Theory, BothProviders]
    public async Task The_external_api_validates_then_hands_the_message_to_the_engine(string provider)
    {
        var (app, _, world, errors) = await StartAsync(provider);
        await using var _app = app;
        var member = await app.UserAsync("member");

        async Task Invalid(object body, string field)
        {
            using var response = await app.CreateTicketAsync(world.ApiKeySecret, body);
            var json = await response.JsonAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, json.ToString());
            Assert.True(json.GetProperty("errors").TryGetProperty(field, out _), json.ToString());
        }
        await Invalid(new { user_id = member.Id, email = "a@example.test", content = "Hi" }, "user_id");
        await Invalid(new { content = "Hi" }, "user_id");
        await Invalid(new { user_id = Guid.CreateVersion7(), content = "Hi" }, "user_id");
        await Invalid(new { email = "not an address", content = "Hi" }, "email");
        await Invalid(new { user_id = member.Id, content = "" }, "content");
        await Invalid(new { user_id = member.Id, content = new string('a', 4001) }, "content");
        await Invalid(new { user_id = member.Id, content = "Hi", category = "No such category" }, "category");

        errors.Exceptions.Clear();
        using var response = await app.CreateTicketAsync(world.ApiKeySecret, new { user_id = member.Id, content = "Please help", category = "Billing " + world.Tag });
        if (response.StatusCode == HttpStatusCode.InternalServerError)
        {
            // This branch has the engine's stub: the request got as far as MemberMessages.ReceiveAsync.
            Assert.True(errors.SawEngineStub(nameof(MemberMessages.ReceiveAsync)), string.Join(Environment.NewLine, errors.Exceptions));
        }
        else
        {
            // With the engine merged: the member's ticket is open, in the category asked for.
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var ticketId = (await response.JsonAsync()).GetProperty("ticket_id").GetGuid();
            await using var scope = app.CreateScope();
            var ticket = await scope.ServiceProvider.GetRequiredService<ModmailDbContext>().Tickets.AsNoTracking().SingleAsync(t => t.Id == ticketId);
            Assert.Equal((member.Id.ToString("D"), TransportNames.Chat, "Billing " + world.Tag), (ticket.UserId, ticket.Transport, ticket.CategoryName));
        }
    }
}
