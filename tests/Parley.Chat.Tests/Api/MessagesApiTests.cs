using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Chat.Storage;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Chat.Tests.Api;

public sealed class MessagesApiTests
{
    [Theory, BothProviders]
    public async Task A_message_is_sent_read_edited_with_history_and_soft_deleted(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        var (_, channel) = await app.RoomAsync(alice, bob);

        var sent = await app.PostAsync(channel, alice, "hello @bob");
        var id = sent.GetProperty("id").GetGuid();
        Assert.Equal("text", sent.Str("message_type"));
        var read = await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/messages/{id}", bob);
        Assert.Equal("hello @bob", read.Str("plaintext"));

        await app.RefusedAsync(HttpStatusCode.Forbidden, "not_message_author", HttpMethod.Patch, $"/api/chat/messages/{id}", bob, new { plaintext = "mine now" });
        var edited = await app.OkJsonAsync(HttpMethod.Patch, $"/api/chat/messages/{id}", alice, new { plaintext = "hello, @bob" });
        Assert.Equal("hello, @bob", edited.Str("plaintext"));
        Assert.NotEqual(JsonValueKindNull, edited.GetProperty("edited_at").ValueKind);
        var edits = await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/messages/{id}/edits", bob);
        Assert.Equal(["hello @bob"], edits.EnumerateArray().Select(e => e.Str("old_plaintext")));

        await app.RefusedAsync(HttpStatusCode.Forbidden, "not_message_author", HttpMethod.Delete, $"/api/chat/messages/{id}", bob);
        using (var deleted = await app.SendAsync(HttpMethod.Delete, $"/api/chat/messages/{id}", alice.Token))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }
        var gone = await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/messages/{id}", bob);
        Assert.Equal(JsonValueKindNull, gone.GetProperty("plaintext").ValueKind);
        Assert.NotEqual(JsonValueKindNull, gone.GetProperty("deleted_at").ValueKind);
        await app.RefusedAsync(HttpStatusCode.Conflict, "message_deleted", HttpMethod.Patch, $"/api/chat/messages/{id}", alice, new { plaintext = "back" });
    }

    [Theory, BothProviders]
    public async Task A_moderator_deletes_anyones_message_and_it_is_audited(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        var mod = await app.UserAsync("mod");
        var (community, channel) = await app.RoomAsync(alice, bob, mod);
        await app.SetRoleAsync(community, alice, mod, "moderator");
        var id = (await app.PostAsync(channel, bob, "spam")).GetProperty("id").GetGuid();

        using var response = await app.SendAsync(HttpMethod.Delete, $"/api/chat/messages/{id}", mod.Token);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await using var scope = app.CreateScope();
        var core = scope.ServiceProvider.GetRequiredService<Parley.Core.Storage.CoreDbContext>();
        Assert.True(await core.AuditLog.AnyAsync(e => e.Action == "chat.message.deleted" && e.UserId == mod.Id));
    }

    [Theory, BothProviders]
    public async Task History_pages_back_and_forward_from_a_cursor_and_threads_stay_apart(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var (_, channel) = await app.RoomAsync(alice);
        var ids = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            ids.Add((await app.PostAsync(channel, alice, $"m{i}")).GetProperty("id").GetGuid());
        }
        await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/channels/{channel}/messages", alice, new { plaintext = "in thread", thread_id = ids[0] });

        var newest = await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/channels/{channel}/messages?limit=3", alice);
        Assert.Equal(["m4", "m5", "m6"], Texts(newest));
        Assert.True(newest.GetProperty("has_more").GetBoolean());
        var older = await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/channels/{channel}/messages?limit=3&before={ids[4]}", alice);
        Assert.Equal(["m1", "m2", "m3"], Texts(older));
        var oldest = await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/channels/{channel}/messages?limit=3&before={ids[1]}", alice);
        Assert.Equal(["m0"], Texts(oldest));
        Assert.False(oldest.GetProperty("has_more").GetBoolean());
        var newer = await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/channels/{channel}/messages?limit=4&after={ids[2]}", alice);
        Assert.Equal(["m3", "m4", "m5", "m6"], Texts(newer));
        Assert.False(newer.GetProperty("has_more").GetBoolean());

        var thread = await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/channels/{channel}/messages?thread_id={ids[0]}", alice);
        Assert.Equal(["m0", "in thread"], Texts(thread));
        await app.RefusedAsync(HttpStatusCode.NotFound, "message_not_found", HttpMethod.Get, $"/api/chat/channels/{channel}/messages?before={Guid.NewGuid()}", alice);
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Get, $"/api/chat/channels/{channel}/messages?limit=101", alice);
    }

    [Theory, BothProviders]
    public async Task A_retried_send_with_the_same_idempotency_key_makes_one_message(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var (_, channel) = await app.RoomAsync(alice);

        using var first = await app.SendAsync(HttpMethod.Post, $"/api/chat/channels/{channel}/messages", alice.Token, new { plaintext = "once", idempotency_key = "k-1" });
        using var again = await app.SendAsync(HttpMethod.Post, $"/api/chat/channels/{channel}/messages", alice.Token, new { plaintext = "once", idempotency_key = "k-1" });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal((await first.JsonAsync()).Str("id"), (await again.JsonAsync()).Str("id"));

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/chat/channels/{channel}/messages") { Content = System.Net.Http.Json.JsonContent.Create(new { plaintext = "header" }) };
        request.Headers.Authorization = new("Bearer", alice.Token);
        request.Headers.Add("Idempotency-Key", "k-1");
        using var byHeader = await app.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, byHeader.StatusCode);

        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        Assert.Equal(1, await db.Messages.CountAsync(m => m.ChannelId == channel));
    }

    [Theory, BothProviders]
    public async Task Refused_sends_store_nothing(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, new Dictionary<string, string?> { ["Chat:MaxPlaintextLength"] = "10" });
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        var eve = await app.UserAsync("eve");
        var (community, channel) = await app.RoomAsync(alice, bob);
        var path = $"/api/chat/channels/{channel}/messages";

        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Post, path, bob, new { plaintext = new string('x', 11) });
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Post, path, bob,
            new { ciphertext = Convert.ToBase64String(new byte[64 * 1024 + 1]), nonce = Convert.ToBase64String(new byte[24]) });
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Post, path, bob, new { plaintext = "hi", reply_to_id = Guid.NewGuid() });
        await app.RefusedAsync(HttpStatusCode.NotFound, "channel_not_found", HttpMethod.Post, $"/api/chat/channels/{Guid.NewGuid()}/messages", bob, new { plaintext = "hi" });
        await app.RefusedAsync(HttpStatusCode.Forbidden, "not_a_member", HttpMethod.Post, path, eve, new { plaintext = "hi" });

        using (var left = await app.SendAsync(HttpMethod.Post, $"/api/chat/channels/{channel}/leave", bob.Token))
        {
            Assert.Equal(HttpStatusCode.NoContent, left.StatusCode);
        }
        await app.RefusedAsync(HttpStatusCode.Forbidden, "not_a_channel_member", HttpMethod.Post, path, bob, new { plaintext = "hi" });
        await app.RefusedAsync(HttpStatusCode.Forbidden, "not_a_channel_member", HttpMethod.Get, path, bob);

        await app.OkJsonAsync(HttpMethod.Patch, $"/api/chat/channels/{channel}", alice, new { read_only = true });
        await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/channels/{channel}/join", bob);
        await app.RefusedAsync(HttpStatusCode.Forbidden, "channel_read_only", HttpMethod.Post, path, bob, new { plaintext = "hi" });
        await app.OkJsonAsync(HttpMethod.Patch, $"/api/chat/channels/{channel}", alice, new { read_only = false, archived = true });
        await app.RefusedAsync(HttpStatusCode.Forbidden, "channel_archived", HttpMethod.Post, path, bob, new { plaintext = "hi" });
        await app.OkJsonAsync(HttpMethod.Patch, $"/api/chat/channels/{channel}", alice, new { archived = false, slow_mode_seconds = 3600 });
        await app.PostAsync(channel, bob, "first");
        using (var slow = await app.SendAsync(HttpMethod.Post, path, bob.Token, new { plaintext = "second" }))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, slow.StatusCode);
            var problem = await slow.JsonAsync();
            Assert.Equal("slow_mode", problem.Str("code"));
            Assert.InRange(problem.GetProperty("retry_after_seconds").GetInt32(), 3590, 3600);
        }
        await app.PostAsync(channel, alice, "ok");
        await app.PostAsync(channel, alice, "ok 2");

        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        Assert.Equal(["first", "ok", "ok 2"], await db.Messages.Where(m => m.ChannelId == channel).OrderBy(m => m.CreatedAt).Select(m => m.Plaintext).ToListAsync());
    }

    [Theory, BothProviders]
    public async Task Timed_out_and_channel_banned_users_cannot_post(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        var (_, channel) = await app.RoomAsync(alice, bob);
        var clock = app.Services.GetRequiredService<TimeProvider>();
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
            var now = clock.GetUtcNow().UtcDateTime;
            db.UserTimeouts.Add(new Parley.Chat.Moderation.UserTimeout { UserId = bob.Id, ChannelId = channel, IssuedBy = alice.Id, ExpiresAt = now.AddMinutes(5), CreatedAt = now });
            await db.SaveChangesAsync();
        }
        await app.RefusedAsync(HttpStatusCode.Forbidden, "timed_out", HttpMethod.Post, $"/api/chat/channels/{channel}/messages", bob, new { plaintext = "hi" });
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
            await db.UserTimeouts.ExecuteDeleteAsync();
            db.ChannelBans.Add(new Parley.Chat.Channels.ChannelBan { ChannelId = channel, UserId = bob.Id, BannedBy = alice.Id, BannedAt = clock.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync();
        }
        await app.RefusedAsync(HttpStatusCode.Forbidden, "channel_banned", HttpMethod.Post, $"/api/chat/channels/{channel}/messages", bob, new { plaintext = "hi" });
        await app.RefusedAsync(HttpStatusCode.Forbidden, "channel_banned", HttpMethod.Post, $"/api/chat/channels/{channel}/join", bob);
    }

    private static List<string> Texts(System.Text.Json.JsonElement page) =>
        page.GetProperty("messages").EnumerateArray().Select(m => m.Str("plaintext")).ToList();

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}
