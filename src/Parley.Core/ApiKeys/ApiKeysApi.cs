using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Parley.Core.Http;
using Parley.Core.Security;

namespace Parley.Core.ApiKeys;

/// <summary><c>/api/admin/api-keys</c> and <c>/api/admin/permissions</c>.</summary>
internal static class ApiKeysApi
{
    public static void MapApiKeysApi(this IEndpointRouteBuilder endpoints)
    {
        var keys = endpoints.MapGroup("/api/admin/api-keys").WithTags("API keys");

        keys.MapGet("", async (ApiKeyService service, CancellationToken cancellationToken) =>
            TypedResults.Ok(await service.ListAsync(cancellationToken)))
            .RequirePermission(Permissions.ApiKeysRead);

        keys.MapPost("", async Task<Results<Created<CreatedApiKey>, ProblemHttpResult>> (
            CreateApiKeyRequest body, HttpContext context, ApiKeyService service, CancellationToken cancellationToken) =>
        {
            var (key, refusal) = await service.CreateAsync(body.Name, body.Permissions, body.ExpiresAt, context.User.UserId(), cancellationToken);
            return key is not null ? TypedResults.Created($"/api/admin/api-keys/{key.Id}", key) : refusal!.ToProblem();
        }).RequirePermission(Permissions.ApiKeysWrite);

        keys.MapDelete("/{id:long}", async Task<Results<NoContent, ProblemHttpResult>> (
            long id, ApiKeyService service, CancellationToken cancellationToken) =>
            await service.RevokeAsync(id, cancellationToken)
                ? TypedResults.NoContent()
                : ApiProblem.NotFound("api_key_not_found", "No such API key."))
            .RequirePermission(Permissions.ApiKeysWrite);

        endpoints.MapGet("/api/admin/permissions", () => TypedResults.Ok(Permissions.All))
            .RequirePermission(Permissions.ApiKeysRead).WithTags("API keys");
    }
}

internal sealed record CreateApiKeyRequest(string? Name, IReadOnlyList<string>? Permissions, DateTime? ExpiresAt);
