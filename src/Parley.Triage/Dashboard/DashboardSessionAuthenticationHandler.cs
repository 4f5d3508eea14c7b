using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Core.Security;

namespace Parley.Triage.Dashboard;

/// <summary>
/// Authenticates <c>Authorization: Bearer tds_…</c>: a Triage dashboard session token (Mailpilot's dashboard users).
/// Core's bearer router sends tokens with <see cref="TokenPrefix"/> here (<see cref="BearerSchemeRoute"/>); the session
/// is looked up by the token's SHA-256 on every request, so signing out or expiry stops it at once. The identity carries
/// only <see cref="UserClaim"/>: it holds no Core permission and reaches nothing outside <c>/api/triage</c>.
/// </summary>
internal sealed class DashboardSessionAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    DashboardAccounts accounts)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "TriageDashboard";

    /// <summary>Marks session tokens so the router can tell them from JWTs and API keys without a database look-up.</summary>
    public const string TokenPrefix = "tds_";

    /// <summary>The dashboard user's id; its presence is what <see cref="TriageDashboardAuthorization"/> admits.</summary>
    public const string UserClaim = "triage_dashboard_user";

    public const string UsernameClaim = "triage_dashboard_username";

    /// <summary>The session's id (the token's SHA-256, never the token): what sign-out closes open feed connections by.</summary>
    public const string SessionClaim = "triage_dashboard_session";

    public static bool Accepts(string token) => token.StartsWith(TokenPrefix, StringComparison.Ordinal);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if ((ParleyAuthentication.BearerToken(Request) ?? ParleyAuthentication.HubQueryToken(Request)) is not { } token || !Accepts(token))
        {
            return AuthenticateResult.NoResult();
        }
        if (await accounts.SessionOfAsync(token, Context.RequestAborted) is not { } session)
        {
            return AuthenticateResult.Fail("The dashboard session is unknown or has expired.");
        }
        var user = session.User;
        var identity = new ClaimsIdentity(
            [
                new Claim(ParleyClaims.Subject, "triage-dashboard:" + user.Id),
                new Claim(UserClaim, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Claim(UsernameClaim, user.Username),
                new Claim(SessionClaim, session.Id),
            ],
            SchemeName, ParleyClaims.Subject, ParleyClaims.Role);
        // The session's end travels with the ticket, so the live feed (CloseOnAuthenticationExpiration) closes then.
        var properties = new AuthenticationProperties { ExpiresUtc = session.ExpiresAt };
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), properties, SchemeName));
    }
}
