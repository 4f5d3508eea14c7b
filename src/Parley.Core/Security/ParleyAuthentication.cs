using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Parley.Core.ApiKeys;

namespace Parley.Core.Security;

/// <summary>
/// One bearer header, two kinds of credential: a policy scheme sends <c>pk_…</c> keys to the
/// API-key handler and everything else to JwtBearer.
/// </summary>
internal static class ParleyAuthentication
{
    public const string SchemeName = "Parley";

    public static void AddParleyAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = SchemeName;
                options.DefaultChallengeScheme = SchemeName;
                options.DefaultForbidScheme = SchemeName;
            })
            .AddPolicyScheme(SchemeName, "Access token or API key", options =>
                options.ForwardDefaultSelector = context =>
                    BearerToken(context.Request) is { } token && token.StartsWith(ApiKeyService.KeyPrefix, StringComparison.Ordinal)
                        ? ApiKeyAuthenticationHandler.SchemeName
                        : JwtBearerDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddJwtBearer();
        services.ConfigureOptions<JwtBearerConfiguration>();

        services.AddAuthorization(options =>
        {
            foreach (var permission in Permissions.All)
            {
                options.AddPolicy(PermissionEndpointConventions.PolicyName(permission), policy => policy
                    .AddAuthenticationSchemes(SchemeName)
                    .RequireAuthenticatedUser()
                    .RequireClaim(ParleyClaims.Permission, permission));
            }
        });
    }

    /// <summary>The credential after <c>Bearer </c>, or null.</summary>
    public static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string bearer = "Bearer ";
        return header.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) && header.Length > bearer.Length
            ? header[bearer.Length..].Trim()
            : null;
    }
}
