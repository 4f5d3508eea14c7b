using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Core.Http;
using Parley.Core.Security;
using Parley.Modmail.Panel;
using Parley.Modmail.Storage;

namespace Parley.Modmail.ApiKeys;

internal sealed record ApiKeyView(long Id, Guid? DeskId, string Name, IReadOnlyList<string> Permissions, long CreatedAt, long? ExpiresAt, long? LastUsedAt, bool IsActive)
{
    public static ApiKeyView From(ModmailApiKey k) =>
        new(k.Id, k.DeskId, k.Name, ModmailApiKeys.PermissionsOf(k), k.CreatedAt, k.ExpiresAt, k.LastUsedAt, k.IsActive);
}

/// <summary>The only answer that holds the key itself.</summary>
internal sealed record CreatedApiKeyView(long Id, Guid? DeskId, string Name, IReadOnlyList<string> Permissions, long CreatedAt, long? ExpiresAt, string Key);

/// <param name="ExpiresAt">Unix seconds; absent: never.</param>
internal sealed record CreateApiKeyRequest(string? Name, List<string>? Permissions, long? ExpiresAt);

/// <summary>
/// A desk's keys for the external API (<c>/api/modmail/desks/{id}/api-keys</c>, <c>manage_api_keys</c>): create (the
/// key is in that answer only), list (with last use), revoke (<c>POST …/{keyId}/revoke</c>: inactive, the row kept),
/// delete (the row removed).
/// </summary>
internal static class ApiKeysApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var keys = endpoints.MapGroup("/api/modmail/desks/{id:guid}/api-keys").WithTags("Modmail: API keys").RequirePermission(Permissions.Account);

        keys.MapGet("", async Task<Results<Ok<List<ApiKeyView>>, ProblemHttpResult>> (
            Guid id, HttpContext context, PanelGate gate, ModmailDbContext db, CancellationToken cancellationToken) =>
        {
            var (caller, problem) = await gate.EnterAsync(context.User, id, PanelPermissions.ManageApiKeys, cancellationToken);
            if (caller is null)
            {
                return problem!;
            }
            var rows = await db.ApiKeys.AsNoTracking().Where(k => k.DeskId == id).OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id)
                .Take(1000).ToListAsync(cancellationToken);
            return TypedResults.Ok(rows.Select(ApiKeyView.From).ToList());
        });

        keys.MapPost("", async Task<Results<Created<CreatedApiKeyView>, ProblemHttpResult>> (
            Guid id, CreateApiKeyRequest body, HttpContext context, PanelGate gate, ModmailDbContext db, IOptionsMonitor<PanelOptions> options,
            TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var (caller, problem) = await gate.EnterAsync(context.User, id, PanelPermissions.ManageApiKeys, cancellationToken);
            if (caller is null)
            {
                return problem!;
            }
            var now = clock.GetUtcNow().ToUnixTimeSeconds();
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            if (string.IsNullOrWhiteSpace(body.Name) || body.Name.Trim().Length > 128)
            {
                errors["name"] = ["1 to 128 characters."];
            }
            if (body.Permissions is not { Count: > 0 } permissions || !permissions.All(ApiKeyPermissions.ToCorePermission.ContainsKey))
            {
                errors["permissions"] = ["One or more of: " + string.Join(", ", ApiKeyPermissions.All) + "."];
            }
            if (body.ExpiresAt is { } expires && (expires <= now || expires > now + (10L * 366 * 86400)))
            {
                errors["expires_at"] = ["Unix seconds in the future, at most ten years ahead."];
            }
            if (errors.Count > 0)
            {
                return ApiProblem.Validation(errors);
            }
            var limit = options.CurrentValue.MaxApiKeysPerDesk;
            if (await db.ApiKeys.CountAsync(k => k.DeskId == id && k.IsActive, cancellationToken) >= limit)
            {
                return ApiProblem.Conflict("api_key_limit_reached", $"A desk has at most {limit} active keys (Modmail:Panel:MaxApiKeysPerDesk).");
            }
            var secret = ModmailApiKeys.NewSecret();
            var key = new ModmailApiKey
            {
                KeyHash = SecretHashing.Sha256Hex(secret),
                Name = body.Name!.Trim(),
                Permissions = JsonSerializer.Serialize(body.Permissions!.Distinct(StringComparer.Ordinal).ToList()),
                CreatedAt = now,
                ExpiresAt = body.ExpiresAt,
                IsActive = true,
                DeskId = id,
            };
            db.ApiKeys.Add(key);
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Created($"/api/modmail/desks/{id}/api-keys/{key.Id}",
                new CreatedApiKeyView(key.Id, key.DeskId, key.Name, ModmailApiKeys.PermissionsOf(key), key.CreatedAt, key.ExpiresAt, secret));
        });

        keys.MapPost("/{keyId:long}/revoke", async Task<Results<Ok<ApiKeyView>, ProblemHttpResult>> (
            Guid id, long keyId, HttpContext context, PanelGate gate, ModmailDbContext db, CancellationToken cancellationToken) =>
        {
            var (caller, problem) = await gate.EnterAsync(context.User, id, PanelPermissions.ManageApiKeys, cancellationToken);
            if (caller is null)
            {
                return problem!;
            }
            var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == keyId && k.DeskId == id, cancellationToken);
            if (key is null)
            {
                return NotFound();
            }
            key.IsActive = false;
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Ok(ApiKeyView.From(key));
        });

        keys.MapDelete("/{keyId:long}", async Task<Results<NoContent, ProblemHttpResult>> (
            Guid id, long keyId, HttpContext context, PanelGate gate, ModmailDbContext db, CancellationToken cancellationToken) =>
        {
            var (caller, problem) = await gate.EnterAsync(context.User, id, PanelPermissions.ManageApiKeys, cancellationToken);
            if (caller is null)
            {
                return problem!;
            }
            return await db.ApiKeys.Where(k => k.Id == keyId && k.DeskId == id).ExecuteDeleteAsync(cancellationToken) == 0
                ? NotFound()
                : TypedResults.NoContent();
        });
    }

    private static ProblemHttpResult NotFound() => ApiProblem.NotFound("api_key_not_found", "No such key at this desk.");
}
