using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Chat.Storage;
using Parley.Chat.Tests.Api;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Chat.Tests.Extras;

public sealed class EmojisApiTests
{
    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 1, 2, 3, 4];

    [Theory, BothProviders]
    public async Task A_moderator_uploads_an_emoji_members_see_it_and_the_community_is_told(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        var (community, _) = await app.RoomAsync(alice, bob);
        await using var bobHub = await app.HubAsync(bob, HubProtocol.Json, "emoji.created", "emoji.deleted");
        await bobHub.InvokeAsync("SubscribeCommunity", community);

        using var created = await UploadAsync(app, community, alice, "party_crab", Png);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var emoji = await created.JsonAsync();
        Assert.Equal("image/png", emoji.Str("content_type"));
        Assert.Equal(emoji.Str("id"), (await bobHub.NextAsync("emoji.created")).Str("id"));

        var listed = await app.OkJsonAsync(HttpMethod.Get, $"/api/chat/communities/{community}/emojis", bob);
        Assert.Equal(["party_crab"], listed.EnumerateArray().Select(e => e.Str("shortcode")));
        using (var image = await app.SendAsync(HttpMethod.Get, $"/api/chat/emojis/{emoji.Str("id")}/image", bob.Token))
        {
            Assert.Equal(HttpStatusCode.OK, image.StatusCode);
            Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
            Assert.Equal(Png, await image.Content.ReadAsByteArrayAsync());
        }

        await app.RefusedAsync(HttpStatusCode.Forbidden, "forbidden_role", HttpMethod.Delete, $"/api/chat/emojis/{emoji.Str("id")}", bob);
        using (var deleted = await app.SendAsync(HttpMethod.Delete, $"/api/chat/emojis/{emoji.Str("id")}", alice.Token))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }
        Assert.Equal(emoji.Str("id"), (await bobHub.NextAsync("emoji.deleted")).Str("id"));
        await using var scope = app.CreateScope();
        var core = scope.ServiceProvider.GetRequiredService<Parley.Core.Storage.CoreDbContext>();
        Assert.Equal(2, await core.AuditLog.CountAsync(e => e.Action.StartsWith("chat.emoji.") && e.UserId == alice.Id));
    }

    [Theory, BothProviders]
    public async Task Bad_emojis_are_refused_and_nothing_is_stored(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, new Dictionary<string, string?> { ["Chat:MaxEmojiBytes"] = "1024", ["Chat:MaxEmojisPerCommunity"] = "1" });
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        var eve = await app.UserAsync("eve");
        var (community, _) = await app.RoomAsync(alice, bob);

        await RefusedAsync(app, community, bob, "crab", Png, HttpStatusCode.Forbidden, "forbidden_role");
        await RefusedAsync(app, community, eve, "crab", Png, HttpStatusCode.Forbidden, "not_a_member");
        await RefusedAsync(app, community, alice, "Bad-Name", Png, HttpStatusCode.BadRequest, "validation_failed");
        await RefusedAsync(app, community, alice, "x", Png, HttpStatusCode.BadRequest, "validation_failed");
        await RefusedAsync(app, community, alice, "notimage", "just text"u8.ToArray(), HttpStatusCode.BadRequest, "validation_failed");
        await RefusedAsync(app, community, alice, "huge", [.. Png, .. new byte[2048]], HttpStatusCode.RequestEntityTooLarge, "file_too_large");
        await using (var scope = app.CreateScope())
        {
            Assert.False(await scope.ServiceProvider.GetRequiredService<ChatDbContext>().CustomEmojis.AnyAsync());
        }

        using (var first = await UploadAsync(app, community, alice, "crab", Png))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }
        await RefusedAsync(app, community, alice, "crab", Png, HttpStatusCode.Conflict, "emoji_exists");
        await RefusedAsync(app, community, alice, "crab2", Png, HttpStatusCode.Conflict, "emoji_limit");
    }

    private static async Task RefusedAsync(TestApp app, Guid community, ChatUser user, string shortcode, byte[] bytes, HttpStatusCode status, string code)
    {
        using var response = await UploadAsync(app, community, user, shortcode, bytes);
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode} {await response.JsonAsync()}");
        Assert.Equal(code, await response.ProblemCodeAsync());
    }

    private static async Task<HttpResponseMessage> UploadAsync(TestApp app, Guid community, ChatUser user, string shortcode, byte[] bytes)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", "emoji.bin");
        form.Add(new StringContent(shortcode), "shortcode");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/chat/communities/{community}/emojis") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.Token);
        return await app.Client.SendAsync(request);
    }
}
