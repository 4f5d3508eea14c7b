namespace Parley.Triage.Imap;

/// <summary>
/// SEAM: gives an OAuth2 access token for an account whose <see cref="ImapAccount.Auth"/> is
/// <see cref="ImapAuthKind.OAuth2"/> (refreshing it from the configured refresh token for Google or Microsoft is the
/// next session's part). Called on every connect, so a refreshed token is used after a reconnect.
/// </summary>
public interface IImapAccessTokens
{
    ValueTask<string> GetAccessTokenAsync(ImapAccount account, CancellationToken cancellationToken);
}
