using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NSec.Cryptography;
using Parley.Chat.Keys;
using Parley.Core.Events;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Chat.Tests.Keys;

public sealed class KeyDirectoryApiTests
{
    private const string Password = "a-long-enough-password-1";

    [Theory, BothProviders]
    public async Task Publishing_an_identity_key_fingerprints_it_and_replacing_it_records_the_rotation(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var token = await UserTokenAsync(app, "alice");
        using var first = Key.Create(SignatureAlgorithm.Ed25519);
        var firstPublic = first.PublicKey.Export(KeyBlobFormat.RawPublicKey);

        using var published = await app.SendAsync(HttpMethod.Put, "/api/chat/keys/identity", token, new { identity_key = Convert.ToBase64String(firstPublic) });
        var json = await published.JsonAsync();
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(firstPublic)), json.Str("fingerprint"));
        Assert.Equal(JsonValueKind.Null, json.GetProperty("rotated_at").ValueKind);

        using var second = Key.Create(SignatureAlgorithm.Ed25519);
        using var replaced = await app.SendAsync(HttpMethod.Put, "/api/chat/keys/identity", token,
            new { identity_key = Convert.ToBase64String(second.PublicKey.Export(KeyBlobFormat.RawPublicKey)) });
        var rotated = await replaced.JsonAsync();
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.NotEqual(json.Str("fingerprint"), rotated.Str("fingerprint"));
        Assert.Equal(JsonValueKind.String, rotated.GetProperty("rotated_at").ValueKind);

        using var tooShort = await app.SendAsync(HttpMethod.Put, "/api/chat/keys/identity", token, new { identity_key = Convert.ToBase64String(new byte[31]) });
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.Equal("validation_failed", await tooShort.ProblemCodeAsync());
    }

    [Theory, BothProviders]
    public async Task A_signed_prekey_is_accepted_only_with_a_signature_by_the_identity_key(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var token = await UserTokenAsync(app, "alice");
        var prekey = RandomNumberGenerator.GetBytes(32);
        using var identity = Key.Create(SignatureAlgorithm.Ed25519);

        using var beforeIdentity = await UploadSignedPrekeyAsync(app, token, 1, prekey, new byte[64]);
        Assert.Equal(HttpStatusCode.Conflict, beforeIdentity.StatusCode);
        Assert.Equal("identity_key_missing", await beforeIdentity.ProblemCodeAsync());

        await PublishIdentityAsync(app, token, identity);
        using var stranger = Key.Create(SignatureAlgorithm.Ed25519);
        using var forged = await UploadSignedPrekeyAsync(app, token, 1, prekey, SignatureAlgorithm.Ed25519.Sign(stranger, prekey));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("invalid_signature", await forged.ProblemCodeAsync());

        using var signed = await UploadSignedPrekeyAsync(app, token, 1, prekey, SignatureAlgorithm.Ed25519.Sign(identity, prekey));
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);

        using var again = await UploadSignedPrekeyAsync(app, token, 1, prekey, SignatureAlgorithm.Ed25519.Sign(identity, prekey));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("prekey_id_taken", await again.ProblemCodeAsync());
    }

    [Theory, BothProviders]
    public async Task One_time_prekeys_upload_in_batches_of_at_most_100_with_key_ids_unique_per_user(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var token = await UserTokenAsync(app, "alice");

        using var tooMany = await UploadPrekeysAsync(app, token, Enumerable.Range(0, 101));
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal("validation_failed", await tooMany.ProblemCodeAsync());

        using var batch = await UploadPrekeysAsync(app, token, Enumerable.Range(0, 100));
        Assert.Equal(HttpStatusCode.OK, batch.StatusCode);
        Assert.Equal(100, (await batch.JsonAsync()).GetProperty("count").GetInt32());

        using var overlapping = await UploadPrekeysAsync(app, token, Enumerable.Range(99, 2));
        Assert.Equal(HttpStatusCode.Conflict, overlapping.StatusCode);
        Assert.Equal("prekey_id_taken", await overlapping.ProblemCodeAsync());

        using var repeated = await UploadPrekeysAsync(app, token, [200, 200]);
        Assert.Equal(HttpStatusCode.Conflict, repeated.StatusCode);

        // Another user's key ids are their own.
        var bobToken = await UserTokenAsync(app, "bob");
        using var bobs = await UploadPrekeysAsync(app, bobToken, Enumerable.Range(0, 3));
        Assert.Equal(HttpStatusCode.OK, bobs.StatusCode);

        Assert.Equal(100, await CountAsync(app, token));
        Assert.Equal(3, await CountAsync(app, bobToken));
    }

    [Theory, BothProviders]
    public async Task Concurrent_bundle_fetches_never_hand_out_the_same_one_time_prekey(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var aliceToken = await UserTokenAsync(app, "alice");
        var aliceId = await UserIdAsync(app, aliceToken);
        using var identity = Key.Create(SignatureAlgorithm.Ed25519);
        await PublishIdentityAsync(app, aliceToken, identity);
        var signedPrekey = RandomNumberGenerator.GetBytes(32);
        using (var signed = await UploadSignedPrekeyAsync(app, aliceToken, 5, signedPrekey, SignatureAlgorithm.Ed25519.Sign(identity, signedPrekey)))
        {
            Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        }
        using (var uploaded = await UploadPrekeysAsync(app, aliceToken, Enumerable.Range(1, 30)))
        {
            Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        }
        var bobToken = await UserTokenAsync(app, "bob");

        var bundles = await Task.WhenAll(Enumerable.Range(0, 40).Select(async _ =>
        {
            using var response = await app.SendAsync(HttpMethod.Get, $"/api/chat/keys/users/{aliceId}/bundle", bobToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.JsonAsync();
        }));

        var handedOut = bundles
            .Select(b => b.GetProperty("one_time_prekey"))
            .Where(p => p.ValueKind == JsonValueKind.Object)
            .Select(p => p.GetProperty("key_id").GetInt32())
            .ToList();
        Assert.Equal(30, handedOut.Count);
        Assert.Equal(30, handedOut.Distinct().Count());
        Assert.All(bundles, b =>
        {
            Assert.Equal(Convert.ToBase64String(identity.PublicKey.Export(KeyBlobFormat.RawPublicKey)), b.Str("identity_key"));
            Assert.Equal(5, b.GetProperty("signed_prekey").GetProperty("key_id").GetInt32());
        });
        Assert.Equal(0, await CountAsync(app, aliceToken));
    }

    [Theory, BothProviders]
    public async Task A_fetch_that_leaves_fewer_than_20_one_time_prekeys_publishes_KeysLow(string provider)
    {
        var seen = new ConcurrentQueue<KeysLow>();
        await using var app = await TestApp.StartAsync(provider, customize: builder =>
        {
            builder.Services.AddSingleton(seen);
            builder.Services.AddEventHandler<KeysLow, RecordingKeysLowHandler>();
        });
        var aliceToken = await UserTokenAsync(app, "alice");
        var aliceId = await UserIdAsync(app, aliceToken);
        using var identity = Key.Create(SignatureAlgorithm.Ed25519);
        await PublishIdentityAsync(app, aliceToken, identity);
        using (var uploaded = await UploadPrekeysAsync(app, aliceToken, Enumerable.Range(1, 21)))
        {
            Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        }
        var bobToken = await UserTokenAsync(app, "bob");

        using (var first = await app.SendAsync(HttpMethod.Get, $"/api/chat/keys/users/{aliceId}/bundle", bobToken))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }
        Assert.Empty(seen);

        using (var second = await app.SendAsync(HttpMethod.Get, $"/api/chat/keys/users/{aliceId}/bundle", bobToken))
        {
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        }
        var low = Assert.Single(seen);
        Assert.Equal(new KeysLow(aliceId, 19), low);
    }

    [Theory, BothProviders]
    public async Task A_bundle_without_one_time_prekeys_left_has_none_and_a_user_without_keys_has_no_bundle(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var aliceToken = await UserTokenAsync(app, "alice");
        var aliceId = await UserIdAsync(app, aliceToken);
        var bobToken = await UserTokenAsync(app, "bob");

        using var missing = await app.SendAsync(HttpMethod.Get, $"/api/chat/keys/users/{aliceId}/bundle", bobToken);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("identity_key_not_found", await missing.ProblemCodeAsync());

        using var identity = Key.Create(SignatureAlgorithm.Ed25519);
        await PublishIdentityAsync(app, aliceToken, identity);
        using var bare = await app.SendAsync(HttpMethod.Get, $"/api/chat/keys/users/{aliceId}/bundle", bobToken);
        var json = await bare.JsonAsync();
        Assert.Equal(HttpStatusCode.OK, bare.StatusCode);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("one_time_prekey").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("signed_prekey").ValueKind);
    }

    internal sealed class RecordingKeysLowHandler(ConcurrentQueue<KeysLow> seen) : IEventHandler<KeysLow>
    {
        public Task HandleAsync(KeysLow e, CancellationToken cancellationToken)
        {
            seen.Enqueue(e);
            return Task.CompletedTask;
        }
    }

    private static async Task<string> UserTokenAsync(TestApp app, string username)
    {
        var admin = await app.SignInAsync();
        await app.CreateUserAsync(admin.AccessToken, username, Password);
        return (await app.SignInAsync(username, Password)).AccessToken;
    }

    private static async Task<Guid> UserIdAsync(TestApp app, string token)
    {
        using var response = await app.SendAsync(HttpMethod.Get, "/api/account", token);
        return (await response.JsonAsync()).GetProperty("id").GetGuid();
    }

    private static async Task PublishIdentityAsync(TestApp app, string token, Key identity)
    {
        using var response = await app.SendAsync(HttpMethod.Put, "/api/chat/keys/identity", token,
            new { identity_key = Convert.ToBase64String(identity.PublicKey.Export(KeyBlobFormat.RawPublicKey)) });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static Task<HttpResponseMessage> UploadSignedPrekeyAsync(TestApp app, string token, int keyId, byte[] publicKey, byte[] signature) =>
        app.SendAsync(HttpMethod.Put, "/api/chat/keys/signed-prekey", token,
            new { key_id = keyId, public_key = Convert.ToBase64String(publicKey), signature = Convert.ToBase64String(signature) });

    private static Task<HttpResponseMessage> UploadPrekeysAsync(TestApp app, string token, IEnumerable<int> keyIds) =>
        app.SendAsync(HttpMethod.Post, "/api/chat/keys/one-time-prekeys", token,
            new { prekeys = keyIds.Select(id => new { key_id = id, public_key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }).ToList() });

    private static async Task<int> CountAsync(TestApp app, string token)
    {
        using var response = await app.SendAsync(HttpMethod.Get, "/api/chat/keys/one-time-prekeys/count", token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("count").GetInt32();
    }
}
