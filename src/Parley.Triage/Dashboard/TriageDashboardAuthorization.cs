using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Accounts;
using Parley.Core.Security;

namespace Parley.Triage.Dashboard;

/// <summary>
/// Who may use the Triage dashboard and its API: every <c>/api/triage</c> endpoint requires <see cref="PolicyName"/>.
/// Parley's owners and admins (Core accounts) always may; so may Mailpilot's own dashboard users, signed in at
/// <c>POST /api/triage/dashboard/sign-in</c> (bcrypt passwords, <c>dashboard_sessions</c>) and authenticated by
/// <see cref="DashboardSessionAuthenticationHandler"/>. Anyone else signed in is refused with 403.
/// </summary>
public static class TriageDashboardAuthorization
{
    public const string PolicyName = "triage-dashboard";

    /// <summary>
    /// Every Triage API endpoint: the policy decides. The Core permission is recorded as metadata only, for Core's
    /// endpoint-security contract (every /api endpoint names one); <c>RequirePermission</c> would add Core's permission
    /// policy as well, which a dashboard session (holding no Core permission) fails.
    /// </summary>
    public static TBuilder RequireTriageDashboard<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiredPermission(Permissions.Account)).RequireAuthorization(PolicyName);

    internal static IServiceCollection AddTriageDashboardAuthorization(this IServiceCollection services) =>
        services.AddAuthorizationBuilder()
            .AddPolicy(PolicyName, policy => policy
                .AddAuthenticationSchemes(ParleyAuthentication.SchemeName)
                .RequireAuthenticatedUser()
                .RequireAssertion(context => IsDashboardUser(context.User) || IsCoreAdmin(context.User)))
            .Services
            .AddBearerScheme<DashboardSessionAuthenticationHandler>(DashboardSessionAuthenticationHandler.SchemeName, DashboardSessionAuthenticationHandler.Accepts);

    internal static bool IsDashboardUser(ClaimsPrincipal user) =>
        user.HasClaim(c => c.Type == DashboardSessionAuthenticationHandler.UserClaim);

    internal static bool IsCoreAdmin(ClaimsPrincipal user) =>
        user.HasClaim(ParleyClaims.Role, Roles.Owner) || user.HasClaim(ParleyClaims.Role, Roles.Admin);
}
