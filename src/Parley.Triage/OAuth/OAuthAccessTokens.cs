using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Triage.Configuration;
using Parley.Triage.Imap;

namespace Parley.Triage.OAuth;

/// <summary>
/// Access tokens for <c>imap.auth: oauth2</c> accounts, from the standard <c>refresh_token</c> grant (RFC 6749 §6) at
/// Google's or Microsoft's token endpoint (or <c>imap.oauth_token_url</c>). A token is kept until
/// <see cref="RefreshMargin"/> before its <c>expires_in</c>, and dropped when the IMAP server refuses it. One refresh
/// per account at a time: the folders' connections share the token.
/// <para>
/// A <b>rotated refresh token</b> (Microsoft sends a new one with each refresh) is used for the following refreshes,
/// keyed by the configured grant so a new configured token wins; it is kept in memory and, sealed, in the Triage
/// database (<see cref="RotatedRefreshTokens"/>), so a restart goes on with the newest — the configured one ages out
/// after its own lifetime (Microsoft: 90 days). When the endpoint refuses a rotated token (<c>invalid_grant</c>) it is
/// forgotten and the configured one is tried once. Tokens are never logged.
/// </para>
/// </summary>
internal sealed partial class OAuthAccessTokens(
    IOptionsMonitor<TriageOptions> options,
    IHttpClientFactory httpClients,
    TimeProvider clock,
    ILogger<OAuthAccessTokens> logger,
    RotatedRefreshTokens? persisted = null) : IImapAccessTokens
{
    public const string HttpClientName = "parley.triage.oauth";

    /// <summary>A token is refreshed this long before it expires (half its lifetime when that is shorter).</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromSeconds(60);

    private const int MaxDescriptionLength = 300;

    private readonly ConcurrentDictionary<string, CachedToken> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _rotatedRefreshTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _refreshing = new(StringComparer.Ordinal);

    public async ValueTask<string> GetAccessTokenAsync(ImapAccount account, CancellationToken cancellationToken)
    {
        var imap = ImapOf(account.Name);
        var grant = GrantKey(imap);
        if (Fresh(account.Name, grant) is { } cached)
        {
            return cached;
        }
        var gate = _refreshing.GetOrAdd(account.Name, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            // Another connection may have refreshed while this one waited.
            if (Fresh(account.Name, grant) is { } refreshed)
            {
                return refreshed;
            }
            var token = await RefreshAsync(account, imap, grant, cancellationToken);
            _tokens[account.Name] = token;
            return token.AccessToken;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Rejected(ImapAccount account, string accessToken)
    {
        if (_tokens.TryGetValue(account.Name, out var cached) && cached.AccessToken == accessToken)
        {
            _tokens.TryRemove(new KeyValuePair<string, CachedToken>(account.Name, cached));
            LogRejected(account.Name);
        }
    }

    private string? Fresh(string accountName, string grant) =>
        _tokens.TryGetValue(accountName, out var cached) && cached.Grant == grant && clock.GetUtcNow() < cached.RefreshAt
            ? cached.AccessToken
            : null;

    private async Task<CachedToken> RefreshAsync(ImapAccount account, ImapOptions imap, string grant, CancellationToken cancellationToken)
    {
        var rotated = _rotatedRefreshTokens.GetValueOrDefault(grant);
        if (rotated is null && persisted is not null && await persisted.FindAsync(grant, cancellationToken) is { } stored)
        {
            rotated = _rotatedRefreshTokens[grant] = stored;
        }
        if (rotated is null)
        {
            return await RefreshWithAsync(account, imap, grant, imap.OAuthRefreshToken!, cancellationToken);
        }
        try
        {
            return await RefreshWithAsync(account, imap, grant, rotated, cancellationToken);
        }
        catch (OAuthRefreshException ex) when (ex.GrantRevoked)
        {
            // The rotated token was revoked or aged out; the configured one may still be good (or was just replaced).
            _rotatedRefreshTokens.TryRemove(new KeyValuePair<string, string>(grant, rotated));
            if (persisted is not null)
            {
                await persisted.ForgetAsync(grant, cancellationToken);
            }
            LogRotatedRefused(account.Name);
            return await RefreshWithAsync(account, imap, grant, imap.OAuthRefreshToken!, cancellationToken);
        }
    }

    private async Task<CachedToken> RefreshWithAsync(ImapAccount account, ImapOptions imap, string grant, string refreshToken, CancellationToken cancellationToken)
    {
        var endpoint = OAuthTokenEndpoints.For(imap);
        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "refresh_token"),
            new("refresh_token", refreshToken),
            new("client_id", imap.OAuthClientId ?? ""),
        };
        // Microsoft's public clients (desktop, device code) have no secret; Google's always do.
        if (!string.IsNullOrEmpty(imap.OAuthClientSecret))
        {
            form.Add(new("client_secret", imap.OAuthClientSecret));
        }
        if (!string.IsNullOrEmpty(imap.OAuthScope))
        {
            form.Add(new("scope", imap.OAuthScope));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(account.Timeout);
        var requestedAt = clock.GetUtcNow();
        TokenResponse? body;
        int status;
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName)
                .PostAsync(endpoint, new FormUrlEncodedContent(form), timeout.Token);
            status = (int)response.StatusCode;
            body = await ReadAsync(response, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new OAuthRefreshException($"account '{account.Name}': the token endpoint {endpoint.Host} did not answer within {account.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s", null);
        }
        catch (HttpRequestException ex)
        {
            throw new OAuthRefreshException($"account '{account.Name}': the token endpoint {endpoint.Host} could not be reached ({ex.Message})", null);
        }

        if (body?.Error is { } error)
        {
            var description = Describe(body.ErrorDescription);
            var message = error == OAuthRefreshException.InvalidGrant
                ? $"account '{account.Name}': {endpoint.Host} refused the refresh token (invalid_grant{description}): it is expired or revoked; issue a new one and set imap:oauth_refresh_token"
                : $"account '{account.Name}': {endpoint.Host} refused the refresh (HTTP {status}, {Describe(error, "")}{description})";
            LogRefused(account.Name, endpoint.Host, status, error);
            throw new OAuthRefreshException(message, error);
        }
        if (status is < 200 or > 299 || string.IsNullOrEmpty(body?.AccessToken))
        {
            LogRefused(account.Name, endpoint.Host, status, null);
            throw new OAuthRefreshException($"account '{account.Name}': {endpoint.Host} answered HTTP {status} without an access token", null);
        }

        if (!string.IsNullOrEmpty(body.RefreshToken) && body.RefreshToken != refreshToken)
        {
            _rotatedRefreshTokens[grant] = body.RefreshToken;
            if (persisted is not null)
            {
                await persisted.SaveAsync(grant, account.Name, body.RefreshToken, cancellationToken);
            }
        }
        // No expires_in: treat it as an hour (both providers' lifetime); a refusal drops it earlier anyway.
        var lifetime = TimeSpan.FromSeconds(body.ExpiresIn is > 0 ? body.ExpiresIn.Value : 3600);
        var margin = lifetime / 2 < RefreshMargin ? lifetime / 2 : RefreshMargin;
        LogRefreshed(account.Name, endpoint.Host, (long)lifetime.TotalSeconds);
        return new CachedToken(body.AccessToken, requestedAt + lifetime - margin, grant);
    }

    private static async Task<TokenResponse?> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            return null; // not JSON at all (an HTML error page)
        }
    }

    private static string Describe(string? description, string prefix = ": ")
    {
        if (string.IsNullOrWhiteSpace(description))
        {
            return "";
        }
        var text = description.ReplaceLineEndings(" ");
        return prefix + (text.Length > MaxDescriptionLength ? text[..MaxDescriptionLength] + "…" : text);
    }

    private ImapOptions ImapOf(string accountName) =>
        options.CurrentValue.Accounts.FirstOrDefault(a => a.Name == accountName)?.Imap is { Auth: ImapAuth.OAuth2 } imap
            ? imap
            : throw new OAuthRefreshException($"account '{accountName}': no oauth2 account of that name is configured", null);

    /// <summary>Identifies the configured grant (endpoint, client, refresh token) without keeping the token itself.</summary>
    private static string GrantKey(ImapOptions imap) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(
        $"{OAuthTokenEndpoints.For(imap)}\n{imap.OAuthClientId}\n{imap.OAuthClientSecret}\n{imap.OAuthScope}\n{imap.OAuthRefreshToken}")));

    private sealed record CachedToken(string AccessToken, DateTimeOffset RefreshAt, string Grant);

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in"), JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] long? ExpiresIn,
        [property: JsonPropertyName("refresh_token")] string? RefreshToken,
        [property: JsonPropertyName("error")] string? Error,
        [property: JsonPropertyName("error_description")] string? ErrorDescription);

    [LoggerMessage(Level = LogLevel.Information, Message = "OAuth2 access token for account {Account} refreshed at {Host}, valid {Seconds} s")]
    private partial void LogRefreshed(string account, string host, long seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OAuth2 refresh for account {Account} refused by {Host} (HTTP {Status}, error {Error})")]
    private partial void LogRefused(string account, string host, int status, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OAuth2 rotated refresh token for account {Account} refused; trying the configured one")]
    private partial void LogRotatedRefused(string account);

    [LoggerMessage(Level = LogLevel.Information, Message = "OAuth2 access token for account {Account} refused by the IMAP server; it will be refreshed")]
    private partial void LogRejected(string account);
}
