namespace Parley.Triage.OAuth;

/// <summary>
/// The token endpoint did not give an access token. <see cref="Error"/> is the OAuth error code when it sent one
/// (<c>invalid_grant</c>: the refresh token is expired or revoked — only a new one helps). The message names the
/// account and the endpoint's own description, never a token.
/// </summary>
public sealed class OAuthRefreshException(string message, string? error) : Exception(message)
{
    public const string InvalidGrant = "invalid_grant";

    public string? Error { get; } = error;

    /// <summary>Retrying will not help: the grant itself is gone, a person must issue a new refresh token.</summary>
    public bool GrantRevoked => Error == InvalidGrant;
}
