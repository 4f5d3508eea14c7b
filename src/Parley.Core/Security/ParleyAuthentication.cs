using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Parley.Core.ApiKeys;

namespace Parley.Core.Security;

/// <summary>
/// A module's own kind of bearer credential: tokens <see cref="Accepts"/> takes go to <see cref="SchemeName"/>
/// (registered by the module) instead of Parley's JwtBearer. Mail's organization-signed JWTs are one.
/// </summary>
public sealed record BearerSchemeRoute(string SchemeName, Func<string, bool> Accepts);

/// <summary>
/// One bearer header, several kinds of credential: a policy scheme sends <c>pk_…</c> keys to the
/// API-key handler, tokens a module's <see cref="BearerSchemeRoute"/> accepts to that module's handler,
/// and everything else to JwtBearer.
/// </summary>
public static class ParleyAuthentication
{
    public const string SchemeName = "Parley";

    /// <summary>Adds a module's bearer scheme, handled by <typeparamref name="THandler"/> for the tokens <paramref name="accepts"/> takes.</summary>
    public static IServiceCollection AddBearerScheme<THandler>(this IServiceCollection services, string schemeName, Func<string, bool> accepts)
        where THandler : AuthenticationHandler<AuthenticationSchemeOptions>
    {
        services.AddSingleton(new BearerSchemeRoute(schemeName, accepts));
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, THandler>(schemeName, null);
        return services;
    }

    internal static void AddParleyAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = SchemeName;
                options.DefaultChallengeScheme = SchemeName;
                options.DefaultForbidScheme = SchemeName;
            })
            .AddPolicyScheme(SchemeName, "Access token or API key", options =>
                options.ForwardDefaultSelector = SelectScheme)
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

    private static string SelectScheme(HttpContext context)
    {
        if ((BearerToken(context.Request) ?? HubQueryToken(context.Request)) is not { } token)
        {
            return JwtBearerDefaults.AuthenticationScheme;
        }
        if (token.StartsWith(ApiKeyService.KeyPrefix, StringComparison.Ordinal))
        {
            return ApiKeyAuthenticationHandler.SchemeName;
        }
        foreach (var route in context.RequestServices.GetServices<BearerSchemeRoute>())
        {
            if (route.Accepts(token))
            {
                return route.SchemeName;
            }
        }
        return JwtBearerDefaults.AuthenticationScheme;
    }

    /// <summary>
    /// The <c>access_token</c> query parameter of a hub request (<c>/hubs/…</c>), which browsers send because a
    /// WebSocket cannot carry a header; null elsewhere (a token in a URL ends up in logs). Module schemes read it too.
    /// </summary>
    public static string? HubQueryToken(HttpRequest request) =>
        request.Path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase)
        && request.Query["access_token"].ToString() is { Length: > 0 } token
            ? token
            : null;

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
