namespace Parley.Triage.Imap;

/// <summary>
/// SEAM: gives an OAuth2 access token for an account whose <see cref="ImapAccount.Auth"/> is
/// <see cref="ImapAuthKind.OAuth2"/> (<c>OAuth/OAuthAccessTokens</c> refreshes it from the configured refresh token at
/// Google's or Microsoft's token endpoint). Called on every connect, so a refreshed token is used after a reconnect.
/// </summary>
public interface IImapAccessTokens
{
    ValueTask<string> GetAccessTokenAsync(ImapAccount account, CancellationToken cancellationToken);

    /// <summary>
    /// The server refused <paramref name="accessToken"/> (XOAUTH2 failed): forget it, so the next
    /// <see cref="GetAccessTokenAsync"/> refreshes instead of handing the same token again (revoked early, clock skew).
    /// </summary>
    void Rejected(ImapAccount account, string accessToken) { }
}
