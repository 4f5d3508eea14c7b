using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Chat.Storage;
using Parley.Chat.Tests.Api;
using Parley.Core.Blobs;
using Parley.Core.Storage;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Chat.Tests.Files;

public sealed class FilesApiTests
{
    private static readonly byte[] Notes = Encoding.UTF8.GetBytes("crab notes: sideways is a direction");

    [Theory, BothProviders]
    public async Task A_file_is_uploaded_sent_as_a_message_and_downloaded_by_another_member(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        var carol = await app.UserAsync("carol");
        var (_, channel) = await app.RoomAsync(alice, bob);
        await using var bobHub = await app.HubAsync(bob, HubProtocol.Json, "message.created");
        await bobHub.InvokeAsync("Subscribe", channel);

        using var uploaded = await app.UploadAsync(channel, alice, Notes);
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var file = await uploaded.JsonAsync();
        Assert.Equal("notes.txt", file.Str("name"));
        Assert.Equal(Notes.Length, file.GetProperty("size_bytes").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Notes)), file.Str("checksum"));
        Assert.Equal(channel.ToString(), file.Str("channel_id"));
        Assert.False(file.GetProperty("quarantined").GetBoolean());
        Assert.Equal(Notes.Length, await UploadBytesUsedAsync(app, alice.Id));

        var sent = await app.OkJsonAsync(HttpMethod.Post, $"/api/chat/channels/{channel}/messages", alice, new { plaintext = "notes.txt", file_id = file.Str("id") });
        Assert.Equal("file", sent.Str("message_type"));
        Assert.Equal(file.Str("id"), sent.GetProperty("file").Str("id"));
        Assert.Equal(file.Str("id"), (await bobHub.NextAsync("message.created")).GetProperty("file").Str("id"));
        var history = await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/channels/{channel}/messages", bob);
        Assert.Equal("notes.txt", history.GetProperty("messages")[0].GetProperty("file").Str("name"));

        Assert.Equal(Notes.Length, (await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/files/{file.Str("id")}", bob)).GetProperty("size_bytes").GetInt64());
        using var download = await app.SendAsync(HttpMethod.Get, $"/api/chat/files/{file.Str("id")}/content", bob.Token);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Notes, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", Assert.Single(download.Headers.GetValues("X-Content-Type-Options")));

        await app.RefusedAsync(HttpStatusCode.Forbidden, "not_a_member", HttpMethod.Get, $"/api/chat/files/{file.Str("id")}/content", carol);
        using var outsider = await app.UploadAsync(channel, carol, Notes);
        Assert.Equal(HttpStatusCode.Forbidden, outsider.StatusCode);
    }

    [Theory, BothProviders]
    public async Task A_file_message_needs_the_senders_own_upload_in_that_channel(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        var (_, channel) = await app.RoomAsync(alice, bob);
        using var uploaded = await app.UploadAsync(channel, alice, Notes);
        var fileId = (await uploaded.JsonAsync()).Str("id");

        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Post, $"/api/chat/channels/{channel}/messages", bob,
            new { plaintext = "mine now", file_id = fileId });
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Post, $"/api/chat/channels/{channel}/messages", alice,
            new { plaintext = "nothing", file_id = Guid.NewGuid() });

        using var noFile = await app.UploadAsync(channel, alice, Notes, field: "attachment");
        Assert.Equal(HttpStatusCode.BadRequest, noFile.StatusCode);
        Assert.Equal("validation_failed", await noFile.ProblemCodeAsync());
        using var notMultipart = await app.SendAsync(HttpMethod.Post, $"/api/chat/channels/{channel}/files", alice.Token, new { file = "x" });
        Assert.Equal("validation_failed", await notMultipart.ProblemCodeAsync());
    }

    [Theory, BothProviders]
    public async Task Too_large_and_over_quota_uploads_are_refused_and_store_nothing(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Chat:MaxUploadBytes"] = "40",
            ["Chat:UploadQuotaBytes"] = "50",
        });
        var alice = await app.UserAsync("alice");
        var (_, channel) = await app.RoomAsync(alice);

        using (var tooLarge = await app.UploadAsync(channel, alice, new byte[41]))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
            Assert.Equal("file_too_large", await tooLarge.ProblemCodeAsync());
        }
        using (var first = await app.UploadAsync(channel, alice, new byte[30]))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }
        var overQuota = Encoding.UTF8.GetBytes("twenty-one bytes long");
        using (var second = await app.UploadAsync(channel, alice, overQuota))
        {
            Assert.Equal(HttpStatusCode.Forbidden, second.StatusCode);
            Assert.Equal("quota_exceeded", await second.ProblemCodeAsync());
        }
        Assert.Equal(30, await UploadBytesUsedAsync(app, alice.Id));
        await using var scope = app.CreateScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<ChatDbContext>().Files.CountAsync());
        Assert.False(await scope.ServiceProvider.GetRequiredService<IBlobStore>().ExistsAsync(Convert.ToHexStringLower(SHA256.HashData(overQuota))));
    }

    [Theory, BothProviders]
    public async Task A_blocked_hash_is_refused_and_leaves_no_row_no_blob_and_no_quota(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = new ChatUser(Guid.Empty, (await app.SignInAsync()).AccessToken);
        var alice = await app.UserAsync("alice");
        var (_, channel) = await app.RoomAsync(alice);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Notes));

        await app.RefusedAsync(HttpStatusCode.Forbidden, "forbidden", HttpMethod.Post, "/api/chat/blocked-hashes", alice, new { hash, reason = "spam" });
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Post, "/api/chat/blocked-hashes", admin, new { hash = "not-a-hash" });
        var blocked = await app.OkJsonAsync(HttpMethod.Post, "/api/chat/blocked-hashes", admin, new { hash = hash.ToUpperInvariant(), reason = "spam" });
        Assert.Equal(hash, blocked.Str("hash"));
        Assert.Single((await app.OkJsonAsync(HttpMethod.Get, "/api/chat/blocked-hashes", admin)).EnumerateArray());

        using (var refused = await app.UploadAsync(channel, alice, Notes))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("blocked_file", await refused.ProblemCodeAsync());
        }
        Assert.Equal(0, await UploadBytesUsedAsync(app, alice.Id));
        await using (var scope = app.CreateScope())
        {
            Assert.False(await scope.ServiceProvider.GetRequiredService<ChatDbContext>().Files.AnyAsync());
            Assert.False(await scope.ServiceProvider.GetRequiredService<IBlobStore>().ExistsAsync(hash));
        }

        using (var removed = await app.SendAsync(HttpMethod.Delete, $"/api/chat/blocked-hashes/{blocked.Str("id")}", admin.Token))
        {
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        }
        using var allowed = await app.UploadAsync(channel, alice, Notes);
        Assert.Equal(HttpStatusCode.Created, allowed.StatusCode);
    }

    [Theory, BothProviders]
    public async Task A_quarantined_file_is_for_staff_only_and_the_channel_hears_of_it(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        var (_, channel) = await app.RoomAsync(alice, bob);
        await using var bobHub = await app.HubAsync(bob, HubProtocol.MessagePack, "file.updated");
        await bobHub.InvokeAsync("Subscribe", channel);
        using var uploaded = await app.UploadAsync(channel, bob, Notes);
        var fileId = (await uploaded.JsonAsync()).Str("id");

        await app.RefusedAsync(HttpStatusCode.Forbidden, "forbidden_role", HttpMethod.Put, $"/api/chat/files/{fileId}/quarantine", bob);
        var quarantined = await app.OkJsonAsync(HttpMethod.Put, $"/api/chat/files/{fileId}/quarantine", alice);
        Assert.True(quarantined.GetProperty("quarantined").GetBoolean());
        Assert.True((await bobHub.NextAsync("file.updated")).GetProperty("file").GetProperty("quarantined").GetBoolean());

        await app.RefusedAsync(HttpStatusCode.Forbidden, "file_quarantined", HttpMethod.Get, $"/api/chat/files/{fileId}/content", bob);
        await app.RefusedAsync(HttpStatusCode.Forbidden, "file_quarantined", HttpMethod.Post, $"/api/chat/channels/{channel}/messages", bob,
            new { plaintext = "look", file_id = fileId });
        using (var staff = await app.SendAsync(HttpMethod.Get, $"/api/chat/files/{fileId}/content", alice.Token))
        {
            Assert.Equal(HttpStatusCode.OK, staff.StatusCode);
        }

        await app.OkJsonAsync(HttpMethod.Delete, $"/api/chat/files/{fileId}/quarantine", alice);
        Assert.False((await bobHub.NextAsync("file.updated")).GetProperty("file").GetProperty("quarantined").GetBoolean());
        using var released = await app.SendAsync(HttpMethod.Get, $"/api/chat/files/{fileId}/content", bob.Token);
        Assert.Equal(HttpStatusCode.OK, released.StatusCode);
        await using var scope = app.CreateScope();
        var core = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
        Assert.True(await core.AuditLog.AnyAsync(e => e.Action == "chat.file.quarantined" && e.UserId == alice.Id));
    }

    private static async Task<long> UploadBytesUsedAsync(TestApp app, Guid userId)
    {
        await using var scope = app.CreateScope();
        var core = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
        return await core.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.UploadBytesUsed).SingleAsync();
    }
}
