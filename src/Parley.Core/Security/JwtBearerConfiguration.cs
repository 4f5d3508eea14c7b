using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parley.Core.Accounts;
using Parley.Core.Storage;

namespace Parley.Core.Security;

/// <summary>
/// Access tokens are checked against the database on every request, not only by signature:
/// the session must be live and the user not disabled, so signing out, revoking a session or
/// disabling a user takes effect at once. The user's permissions come from their role as it is now.
/// </summary>
internal sealed class JwtBearerConfiguration(AccessTokens tokens, TimeProvider clock) : IConfigureNamedOptions<JwtBearerOptions>
{
    private static readonly TimeSpan LastSeenResolution = TimeSpan.FromMinutes(1);

    public void Configure(string? name, JwtBearerOptions options)
    {
        if (name != JwtBearerDefaults.AuthenticationScheme)
        {
            return;
        }
        options.MapInboundClaims = false;
        options.TokenValidationParameters = tokens.ValidationParameters(AccessTokens.AccessAudience);
        options.Events = new JwtBearerEvents { OnMessageReceived = TokenFromHubQuery, OnTokenValidated = CheckSessionAsync };
    }

    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);

    /// <summary>
    /// Browsers cannot set headers on a WebSocket or server-sent-events request, so real-time hubs
    /// (<c>/hubs/…</c>) also take the access token from the <c>access_token</c> query parameter, as
    /// SignalR clients send it. Nowhere else: a token in a URL ends up in logs and histories.
    /// </summary>
    private static Task TokenFromHubQuery(MessageReceivedContext context)
    {
        if (context.Token is null
            && context.Request.Path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase)
            && context.Request.Query["access_token"].ToString() is { Length: > 0 } token)
        {
            context.Token = token;
        }
        return Task.CompletedTask;
    }

    private async Task CheckSessionAsync(TokenValidatedContext context)
    {
        var principal = context.Principal!;
        if (principal.UserId() is not { } userId || principal.SessionIdOf() is not { } sessionId)
        {
            context.Fail("The token names no user or session.");
            return;
        }
        var db = context.HttpContext.RequestServices.GetRequiredService<CoreDbContext>();
        var cancellationToken = context.HttpContext.RequestAborted;
        var found = await db.Sessions.AsNoTracking()
            .Where(s => s.Id == sessionId && s.UserId == userId)
            .Join(db.Users, s => s.UserId, u => u.Id, (s, u) => new { s.RevokedAt, s.ExpiresAt, s.LastSeenAt, u.SuspendedAt, u.IsOwner, u.IsAdmin })
            .FirstOrDefaultAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (found is null || found.RevokedAt is not null || found.ExpiresAt <= now || found.SuspendedAt is not null)
        {
            context.Fail("The session has ended.");
            return;
        }
        if (now - found.LastSeenAt >= LastSeenResolution)
        {
            await db.Sessions.Where(s => s.Id == sessionId)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now), cancellationToken);
        }

        var role = found.IsOwner ? Roles.Owner : found.IsAdmin ? Roles.Admin : Roles.User;
        var identity = (ClaimsIdentity)principal.Identity!;
        foreach (var stale in identity.FindAll(ParleyClaims.Role).ToList())
        {
            identity.RemoveClaim(stale);
        }
        identity.AddClaim(new Claim(ParleyClaims.Role, role));
        identity.AddClaims(Permissions.ForRole(role).Select(p => new Claim(ParleyClaims.Permission, p)));
    }
}
