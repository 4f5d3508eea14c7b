using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Chat.Storage;
using Parley.Core.Events;
using Parley.Core.Http;
using Parley.Core.Security;

namespace Parley.Chat.Keys;

/// <summary>
/// <c>/api/chat/keys</c>: the end-to-end key directory. Users publish their own public keys;
/// anyone signed in fetches another user's prekey bundle to start an encrypted session.
/// </summary>
internal static class KeysApi
{
    public const int MaxPrekeysPerUpload = 100;

    public static void MapKeys(this IEndpointRouteBuilder endpoints)
    {
        var keys = endpoints.MapGroup("/api/chat/keys").WithTags("Chat keys").RequirePermission(Permissions.Account);

        keys.MapPut("/identity", async Task<Results<Ok<IdentityKeyView>, ProblemHttpResult>> (
            IdentityKeyRequest body, HttpContext context, ChatDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var bytes = Base64(body.IdentityKey);
            if (bytes is null || !Ed25519Keys.IsPublicKey(bytes))
            {
                return Invalid("identity_key", "Must be a 32-byte Ed25519 public key in base64.");
            }
            var now = clock.GetUtcNow().UtcDateTime;
            var key = await db.IdentityKeys.FirstOrDefaultAsync(k => k.UserId == userId, cancellationToken);
            if (key is null)
            {
                key = new UserIdentityKey { UserId = userId, CreatedAt = now };
                db.IdentityKeys.Add(key);
            }
            else if (!key.IdentityKey.AsSpan().SequenceEqual(bytes))
            {
                key.RotatedAt = now;
                // Signed prekeys were signed by the old key and no longer verify: senders must not be handed them.
                await db.SignedPrekeys.Where(p => p.UserId == userId).ExecuteDeleteAsync(cancellationToken);
            }
            key.IdentityKey = bytes;
            key.Fingerprint = Ed25519Keys.Fingerprint(bytes);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another device of the same user published first.
                return ApiProblem.Conflict("identity_key_conflict", "The identity key changed concurrently; fetch it and retry.");
            }
            return TypedResults.Ok(IdentityKeyView.From(key));
        });

        keys.MapPut("/signed-prekey", async Task<Results<Ok<SignedPrekeyView>, ProblemHttpResult>> (
            SignedPrekeyRequest body, HttpContext context, ChatDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var publicKey = Base64(body.PublicKey);
            var signature = Base64(body.Signature);
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            if (body.KeyId < 0)
            {
                errors["key_id"] = ["Must not be negative."];
            }
            if (publicKey is not { Length: SignedPrekey.PublicKeyLength })
            {
                errors["public_key"] = ["Must be a 32-byte X25519 public key in base64."];
            }
            if (signature is not { Length: SignedPrekey.SignatureLength })
            {
                errors["signature"] = ["Must be a 64-byte Ed25519 signature in base64."];
            }
            if (errors.Count > 0)
            {
                return ApiProblem.Validation(errors);
            }
            var identity = await db.IdentityKeys.AsNoTracking().FirstOrDefaultAsync(k => k.UserId == userId, cancellationToken);
            if (identity is null)
            {
                return ApiProblem.Conflict("identity_key_missing", "Upload an identity key before a signed prekey.");
            }
            if (!Ed25519Keys.Verify(identity.IdentityKey, publicKey!, signature!))
            {
                return ApiProblem.BadRequest("invalid_signature", "The signature does not verify with your identity key.");
            }
            if (await db.SignedPrekeys.AnyAsync(p => p.UserId == userId && p.KeyId == body.KeyId, cancellationToken))
            {
                return PrekeyIdTaken();
            }
            var prekey = new SignedPrekey
            {
                UserId = userId, KeyId = body.KeyId, PublicKey = publicKey!, Signature = signature!, CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.SignedPrekeys.Add(prekey);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                return PrekeyIdTaken();
            }
            return TypedResults.Ok(new SignedPrekeyView(prekey.KeyId, prekey.PublicKey, prekey.Signature, prekey.CreatedAt));
        });

        keys.MapPost("/one-time-prekeys", async Task<Results<Ok<PrekeyCountView>, ProblemHttpResult>> (
            OneTimePrekeysRequest body, HttpContext context, ChatDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var prekeys = body.Prekeys ?? [];
            if (prekeys.Count is 0 or > MaxPrekeysPerUpload)
            {
                return Invalid("prekeys", $"Upload between 1 and {MaxPrekeysPerUpload} prekeys per call.");
            }
            var decoded = new List<(int KeyId, byte[] PublicKey)>(prekeys.Count);
            foreach (var prekey in prekeys)
            {
                var bytes = Base64(prekey.PublicKey);
                if (prekey.KeyId < 0 || bytes is not { Length: OneTimePrekey.PublicKeyLength })
                {
                    return Invalid("prekeys", "Each prekey needs a non-negative key_id and a 32-byte X25519 public key in base64.");
                }
                decoded.Add((prekey.KeyId, bytes));
            }
            var ids = decoded.Select(p => p.KeyId).ToList();
            if (ids.Distinct().Count() != ids.Count
                || await db.OneTimePrekeys.AnyAsync(p => p.UserId == userId && ids.Contains(p.KeyId), cancellationToken))
            {
                return PrekeyIdTaken();
            }
            var now = clock.GetUtcNow().UtcDateTime;
            db.OneTimePrekeys.AddRange(decoded.Select(p => new OneTimePrekey { UserId = userId, KeyId = p.KeyId, PublicKey = p.PublicKey, CreatedAt = now }));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                return PrekeyIdTaken();
            }
            return TypedResults.Ok(new PrekeyCountView(await RemainingAsync(db, userId, cancellationToken)));
        });

        keys.MapGet("/one-time-prekeys/count", async Task<Results<Ok<PrekeyCountView>, ProblemHttpResult>> (
            HttpContext context, ChatDbContext db, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            return TypedResults.Ok(new PrekeyCountView(await RemainingAsync(db, userId, cancellationToken)));
        });

        keys.MapGet("/users/{userId:guid}/bundle", async Task<Results<Ok<PrekeyBundleView>, ProblemHttpResult>> (
            Guid userId, HttpContext context, ChatDbContext db, EventBus events, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is null)
            {
                return ApiProblem.UserRequired();
            }
            var identity = await db.IdentityKeys.AsNoTracking().FirstOrDefaultAsync(k => k.UserId == userId, cancellationToken);
            if (identity is null)
            {
                return ApiProblem.NotFound("identity_key_not_found", "That user has not published an identity key.");
            }
            var signed = await db.SignedPrekeys.AsNoTracking()
                .Where(p => p.UserId == userId)
                .OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id)
                .FirstOrDefaultAsync(cancellationToken);
            var oneTime = await PrekeyClaim.NextAsync(db, userId, cancellationToken);
            var remaining = await RemainingAsync(db, userId, cancellationToken);
            if (remaining < PrekeyClaim.LowWatermark)
            {
                await events.PublishAsync(new KeysLow(userId, remaining), cancellationToken);
            }
            return TypedResults.Ok(new PrekeyBundleView(
                userId,
                identity.IdentityKey,
                identity.Fingerprint,
                signed is null ? null : new SignedPrekeyView(signed.KeyId, signed.PublicKey, signed.Signature, signed.CreatedAt),
                oneTime is null ? null : new OneTimePrekeyView(oneTime.KeyId, oneTime.PublicKey)));
        });
    }

    private static Task<int> RemainingAsync(ChatDbContext db, Guid userId, CancellationToken cancellationToken) =>
        db.OneTimePrekeys.CountAsync(p => p.UserId == userId && !p.Used, cancellationToken);

    private static byte[]? Base64(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        var buffer = new byte[text.Length * 3 / 4];
        return Convert.TryFromBase64String(text, buffer, out var written) ? buffer[..written] : null;
    }

    private static ProblemHttpResult Invalid(string field, string message) =>
        ApiProblem.Validation(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] });

    private static ProblemHttpResult PrekeyIdTaken() =>
        ApiProblem.Conflict("prekey_id_taken", "You already have a prekey with that key_id.");
}
