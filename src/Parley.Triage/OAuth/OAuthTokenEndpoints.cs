using Parley.Triage.Configuration;

namespace Parley.Triage.OAuth;

/// <summary>Where a refresh token is exchanged: <c>imap.oauth_token_url</c>, else the provider's own endpoint.</summary>
internal static class OAuthTokenEndpoints
{
    public const string Google = "https://oauth2.googleapis.com/token";

    /// <summary>The <c>common</c> tenant serves work, school and personal accounts alike.</summary>
    public const string Microsoft = "https://login.microsoftonline.com/common/oauth2/v2.0/token";

    public static Uri For(ImapOptions imap) => new(
        !string.IsNullOrEmpty(imap.OAuthTokenUrl) ? imap.OAuthTokenUrl
        : imap.OAuthProvider == OAuthProvider.Microsoft ? Microsoft
        : Google);
}
