using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Parley.Core.Accounts;
using Parley.Core.Security;

namespace Parley.Mail.Smtp;

/// <summary>
/// AUTH PLAIN/LOGIN checked against Parley's accounts through Core's <see cref="SignInService"/> — the one
/// password check, with its lockout, decoy hashing and audit. SMTP has no second step, so an account with
/// TOTP cannot sign in here, and only accounts that may send mail (<c>mail.messages.send</c>) may submit.
/// The session Core starts for the sign-in is ended at once: SMTP keeps no tokens.
/// </summary>
internal sealed class SmtpAuthenticator(IServiceScopeFactory scopes)
{
    /// <summary>The user id when <paramref name="username"/> and <paramref name="password"/> are right and the account may send; else null.</summary>
    public async Task<Guid?> AuthenticateAsync(string username, string password, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInService>();
        var outcome = await signIn.PasswordAsync(username, password, cancellationToken);
        if (outcome.Tokens is not { } tokens)
        {
            return null;
        }
        var sessionId = new JsonWebToken(tokens.AccessToken).GetPayloadValue<string>(ParleyClaims.SessionId);
        if (Guid.TryParse(sessionId, out var id))
        {
            await scope.ServiceProvider.GetRequiredService<SessionService>().RevokeAsync(id, "smtp_auth", cancellationToken);
        }
        return Permissions.ForRole(tokens.User.Role).Contains(Permissions.MailMessagesSend) ? tokens.User.Id : null;
    }
}
