using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Accounts;
using Parley.Core.Security;

namespace Parley.Triage.Dashboard;

/// <summary>
/// Who may use the Triage dashboard and its API: every <c>/api/triage</c> endpoint requires <see cref="PolicyName"/>.
/// Parley's owners and admins (Core accounts) always may; the HTTP API part adds Mailpilot's own dashboard users
/// (bcrypt passwords, <c>dashboard_sessions</c>) as a second way in.
/// </summary>
public static class TriageDashboardAuthorization
{
    public const string PolicyName = "triage-dashboard";

    internal static IServiceCollection AddTriageDashboardAuthorization(this IServiceCollection services) =>
        services.AddAuthorizationBuilder()
            .AddPolicy(PolicyName, policy => policy
                .AddAuthenticationSchemes(ParleyAuthentication.SchemeName)
                .RequireAuthenticatedUser()
                .RequireClaim(ParleyClaims.Role, Roles.Owner, Roles.Admin))
            .Services;
}
