using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Core.Audit;
using Parley.Core.Http;
using Parley.Core.Security;
using Parley.Mail.Api;
using Parley.Mail.Storage;

namespace Parley.Mail.AuthKeys;

/// <summary>
/// <c>/api/mail/auth-keys</c>: the public keys organizations sign their API tokens with. Managed like Core's
/// API keys (<c>apikeys.*</c>), since a key grants API access; revoking one ends its tokens at once.
/// </summary>
internal static class AuthKeysApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var keys = endpoints.MapGroup("/api/mail/auth-keys").WithTags("Mail");
        keys.MapPost("/", RegisterAsync).RequirePermission(Permissions.ApiKeysWrite);
        keys.MapGet("/", ListAsync).RequirePermission(Permissions.ApiKeysRead);
        keys.MapDelete("/{id:guid}", RevokeAsync).RequirePermission(Permissions.ApiKeysWrite);
    }

    private static async Task<Results<Created<AuthKeyView>, ProblemHttpResult>> RegisterAsync(
        RegisterAuthKeyRequest request, MailDbContext db, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var organization = request.OrganizationId?.Trim();
        if (string.IsNullOrEmpty(organization) || organization.Length > 200 || organization.Any(char.IsControl))
        {
            errors["organization_id"] = ["must be 1–200 characters, without control characters"];
        }
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200 || name.Any(char.IsControl))
        {
            errors["name"] = ["must be 1–200 characters, without control characters"];
        }
        if (!AuthKeyAlgorithms.IsSupported(request.Algorithm))
        {
            errors["algorithm"] = ["must be " + string.Join(", ", AuthKeyAlgorithms.All)];
        }
        if (string.IsNullOrWhiteSpace(request.PublicKeyPem) || request.PublicKeyPem.Length > 16_384)
        {
            errors["public_key_pem"] = ["is required (a PEM public key of at most 16384 characters)"];
        }
        if (errors.Count > 0)
        {
            return ApiProblem.Validation(errors);
        }
        var pem = AuthKeyAlgorithms.NormalizePublicKey(request.Algorithm!, request.PublicKeyPem!, out var keyError);
        if (pem is null)
        {
            return ApiProblem.BadRequest("invalid_key", keyError!);
        }
        var key = new AuthKey
        {
            OrganizationId = organization!,
            Name = name!,
            PublicKeyPem = pem,
            Algorithm = request.Algorithm!,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.AuthKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync("mail.auth_key.registered", new { auth_key_id = key.Id, organization_id = key.OrganizationId, algorithm = key.Algorithm }, cancellationToken: cancellationToken);
        return TypedResults.Created($"/api/mail/auth-keys/{key.Id}", AuthKeyView.From(key));
    }

    private static async Task<Results<Ok<MailPage<AuthKeyView>>, ProblemHttpResult>> ListAsync(string? cursor, int? limit, MailDbContext db, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryParse(cursor, limit, out var page, out var problem))
        {
            return problem!;
        }
        var query = db.AuthKeys.AsNoTracking();
        if (page.After is { } at && page.AfterGuid is { } afterId)
        {
            query = query.Where(k => k.CreatedAt > at || (k.CreatedAt == at && k.Id.CompareTo(afterId) > 0));
        }
        var rows = await query.OrderBy(k => k.CreatedAt).ThenBy(k => k.Id).Take(page.Limit + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(page.Page(rows, AuthKeyView.From, k => (k.CreatedAt, k.Id.ToString())));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(Guid id, MailDbContext db, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var key = await db.AuthKeys.SingleOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (key is null)
        {
            return ApiProblem.NotFound("auth_key_not_found", "No auth key has this id.");
        }
        if (key.RevokedAt is null)
        {
            key.RevokedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync("mail.auth_key.revoked", new { auth_key_id = id }, cancellationToken: cancellationToken);
        }
        return TypedResults.NoContent();
    }
}

internal sealed record RegisterAuthKeyRequest(string? OrganizationId, string? Name, string? PublicKeyPem, string? Algorithm);

internal sealed record AuthKeyView(Guid Id, string OrganizationId, string Name, string Algorithm, string PublicKeyPem, DateTime CreatedAt, DateTime? RevokedAt)
{
    public static AuthKeyView From(AuthKey k) => new(k.Id, k.OrganizationId, k.Name, k.Algorithm, k.PublicKeyPem, k.CreatedAt, k.RevokedAt);
}
