using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Parley.Tests.Infrastructure;
using Parley.Triage.Configuration;
using Parley.Triage.Imap;
using Parley.Triage.OAuth;
using Parley.Triage.Tests.Configuration;

namespace Parley.Triage.Tests.OAuth;

/// <summary>OAuth2 access tokens from the refresh_token grant, against a token endpoint on loopback.</summary>
public sealed class OAuthAccessTokensTests
{
    private static readonly ImapAccount Account = new() { Name = "gmail", Host = "imap.example", Username = "me@example.com", Auth = ImapAuthKind.OAuth2 };

    [Fact]
    public async Task A_token_is_refreshed_with_the_refresh_token_grant_and_kept_until_a_minute_before_it_expires()
    {
        await using var endpoint = new FakeTokenEndpoint().ThenToken("at-1", 3600).ThenToken("at-2", 3600);
        var clock = new FakeTimeProvider(TriageTestApp.Start);
        var tokens = Tokens(endpoint, clock);

        Assert.Equal("at-1", await tokens.GetAccessTokenAsync(Account, default));
        var request = Assert.Single(endpoint.Requests);
        Assert.Equal(("refresh_token", "rt-configured", "client-1", "secret-1"),
            (request["grant_type"], request["refresh_token"], request["client_id"], request["client_secret"]));

        clock.Advance(TimeSpan.FromSeconds(3600 - 61));
        Assert.Equal("at-1", await tokens.GetAccessTokenAsync(Account, default));
        Assert.Single(endpoint.Requests);

        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("at-2", await tokens.GetAccessTokenAsync(Account, default));
        Assert.Equal(2, endpoint.Requests.Count);
    }

    [Fact]
    public async Task A_rotated_refresh_token_is_used_for_the_next_refresh()
    {
        await using var endpoint = new FakeTokenEndpoint().ThenToken("at-1", 100, refreshToken: "rt-rotated").ThenToken("at-2", 100);
        var clock = new FakeTimeProvider(TriageTestApp.Start);
        var tokens = Tokens(endpoint, clock);

        await tokens.GetAccessTokenAsync(Account, default);
        // A 100 s token is refreshed half-way (the margin is at most half its life).
        clock.Advance(TimeSpan.FromSeconds(49));
        await tokens.GetAccessTokenAsync(Account, default);
        Assert.Single(endpoint.Requests);
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("at-2", await tokens.GetAccessTokenAsync(Account, default));

        Assert.Equal(["rt-configured", "rt-rotated"], endpoint.Requests.Select(r => r["refresh_token"]));
    }

    [Theory, BothProviders]
    public async Task A_rotated_refresh_token_is_kept_sealed_across_a_restart_and_a_refused_one_falls_back_to_the_configured(string provider)
    {
        await using var endpoint = new FakeTokenEndpoint()
            .ThenToken("at-1", 3600, refreshToken: "rt-rotated-secret")
            .ThenToken("at-2", 3600)
            .Then(400, """{"error":"invalid_grant"}""")
            .ThenToken("at-3", 3600);
        var outlook = new ImapAccount { Name = "outlook", Host = "127.0.0.1", Username = "me@example.com", Auth = ImapAuthKind.OAuth2 };
        var (app, _) = await TriageTestApp.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Triage:accounts:0:name"] = "outlook",
            // Nothing listens on port 9: the account's watcher fails to connect and asks for no token.
            ["Triage:accounts:0:imap:host"] = "127.0.0.1",
            ["Triage:accounts:0:imap:port"] = "9",
            ["Triage:accounts:0:imap:username"] = "me@example.com",
            ["Triage:accounts:0:imap:auth"] = "oauth2",
            ["Triage:accounts:0:imap:oauth_provider"] = "microsoft",
            ["Triage:accounts:0:imap:oauth_client_id"] = "client-1",
            ["Triage:accounts:0:imap:oauth_refresh_token"] = "rt-configured",
            ["Triage:accounts:0:imap:oauth_token_url"] = endpoint.Url,
        });
        await using var _ = app;
        Task<string> TokenAsync() => app.WithAsync<IImapAccessTokens, string>(t => t.GetAccessTokenAsync(outlook, default).AsTask());

        Assert.Equal("at-1", await TokenAsync());
        var row = Assert.Single(await app.WithDbAsync(db => db.RotatedRefreshTokens.AsNoTracking().ToListAsync()));
        Assert.Equal("outlook", row.AccountName);
        Assert.DoesNotContain("rt-rotated-secret", System.Text.Encoding.UTF8.GetString(row.Ciphertext), StringComparison.Ordinal);

        await app.RestartAsync();
        Assert.Equal("at-2", await TokenAsync());
        await app.RestartAsync();
        // The endpoint refuses the rotated token now: it is forgotten and the configured one is used.
        Assert.Equal("at-3", await TokenAsync());
        Assert.Equal(["rt-configured", "rt-rotated-secret", "rt-rotated-secret", "rt-configured"], endpoint.Requests.Select(r => r["refresh_token"]));
        Assert.Empty(await app.WithDbAsync(db => db.RotatedRefreshTokens.AsNoTracking().ToListAsync()));
    }

    [Fact]
    public async Task A_token_the_server_rejects_is_dropped_and_the_next_connect_refreshes()
    {
        await using var endpoint = new FakeTokenEndpoint().ThenToken("at-1", 3600).ThenToken("at-2", 3600);
        var tokens = Tokens(endpoint, new FakeTimeProvider(TriageTestApp.Start));

        var first = await tokens.GetAccessTokenAsync(Account, default);
        tokens.Rejected(Account, "some-older-token"); // not the cached one: kept
        Assert.Equal(first, await tokens.GetAccessTokenAsync(Account, default));
        tokens.Rejected(Account, first);

        Assert.Equal("at-2", await tokens.GetAccessTokenAsync(Account, default));
        Assert.Equal(2, endpoint.Requests.Count);
    }

    [Fact]
    public async Task Invalid_grant_says_the_refresh_token_must_be_replaced_without_showing_it()
    {
        await using var endpoint = new FakeTokenEndpoint().Then(400, """{"error":"invalid_grant","error_description":"Token has been expired or revoked."}""");
        var tokens = Tokens(endpoint, new FakeTimeProvider(TriageTestApp.Start));

        var error = await Assert.ThrowsAsync<OAuthRefreshException>(() => tokens.GetAccessTokenAsync(Account, default).AsTask());

        Assert.True(error.GrantRevoked);
        Assert.Contains("account 'gmail'", error.Message);
        Assert.Contains("invalid_grant: Token has been expired or revoked.", error.Message);
        Assert.Contains("imap:oauth_refresh_token", error.Message);
        Assert.DoesNotContain("rt-configured", error.Message);
        Assert.DoesNotContain("secret-1", error.Message);
    }

    [Fact]
    public async Task An_answer_without_a_token_is_a_failure_and_nothing_is_cached()
    {
        await using var endpoint = new FakeTokenEndpoint().Then(503, "<html>down</html>").ThenToken("at-1", 3600);
        var tokens = Tokens(endpoint, new FakeTimeProvider(TriageTestApp.Start));

        var error = await Assert.ThrowsAsync<OAuthRefreshException>(() => tokens.GetAccessTokenAsync(Account, default).AsTask());
        Assert.False(error.GrantRevoked);
        Assert.Contains("HTTP 503", error.Message);
        Assert.Equal("at-1", await tokens.GetAccessTokenAsync(Account, default));
    }

    [Fact]
    public void The_endpoint_is_the_configured_one_else_googles_or_microsofts()
    {
        Assert.Equal(OAuthTokenEndpoints.Google, OAuthTokenEndpoints.For(new ImapOptions { OAuthProvider = OAuthProvider.Google }).ToString());
        Assert.Equal(OAuthTokenEndpoints.Microsoft, OAuthTokenEndpoints.For(new ImapOptions { OAuthProvider = OAuthProvider.Microsoft }).ToString());
        Assert.Equal("http://127.0.0.1:1/t", OAuthTokenEndpoints.For(new ImapOptions { OAuthProvider = OAuthProvider.Microsoft, OAuthTokenUrl = "http://127.0.0.1:1/t" }).ToString());
    }

    [Fact]
    public void Oauth2_settings_are_checked_and_named_by_key()
    {
        using var configuration = new TriageConfiguration("""
            triage:
              accounts:
                - name: outlook
                  imap:
                    host: outlook.office365.com
                    username: me@example.com
                    auth: oauth2
                    oauth_token_url: not a url
            """);

        var problems = configuration.Problems();

        Assert.Contains(problems, p => p.Contains("Triage:accounts:0:imap:oauth_provider", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Triage:accounts:0:imap:oauth_client_id", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Triage:accounts:0:imap:oauth_refresh_token", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Triage:accounts:0:imap:oauth_token_url", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_account_logs_in_to_Dovecot_with_XOAUTH2_and_a_token_the_server_refuses_is_refreshed_once()
    {
        // The first token is one Dovecot does not know (revoked early): the connector drops it, refreshes, logs in.
        await using var endpoint = new FakeTokenEndpoint().ThenToken("stale-token", 3600).ThenToken("good-token", 3600);
        endpoint.ValidAccessTokens["good-token"] = "oauthuser";
        await using var server = await TestImapServer.StartAsync(oauth2IntrospectionUrl: endpoint.IntrospectionUrl);
        await server.AddUserAsync("oauthuser", "not-used-by-xoauth2");
        var account = Account with
        {
            Host = "127.0.0.1", Port = server.Port, Tls = Parley.Triage.Imap.ImapTlsMode.StartTls, Username = "oauthuser",
            TrustedTlsFingerprints = [server.CertificateSha256], Timeout = TimeSpan.FromSeconds(10),
        };
        var connector = new ImapConnector(Tokens(endpoint, new FakeTimeProvider(TriageTestApp.Start)));

        using (var client = await connector.ConnectAsync(account, default))
        {
            Assert.True(client.IsAuthenticated);
        }
        await Eventually.Until(() => File.ReadAllText(Path.Combine(server.Directory, "dovecot.log")).Contains("user=<oauthuser>, method=XOAUTH2", StringComparison.Ordinal),
            because: "Dovecot logs the XOAUTH2 login");
        Assert.Equal(2, endpoint.Requests.Count);

        // The next connection reuses the accepted token.
        using (var again = await connector.ConnectAsync(account, default))
        {
            Assert.True(again.IsAuthenticated);
        }
        Assert.Equal(2, endpoint.Requests.Count);

        // A token refused twice is a login failure, not a loop.
        endpoint.ValidAccessTokens.Clear();
        await Assert.ThrowsAsync<MailKit.Security.AuthenticationException>(() => connector.ConnectAsync(account, default));
    }

    private static OAuthAccessTokens Tokens(FakeTokenEndpoint endpoint, TimeProvider clock)
    {
        var options = new TriageOptions
        {
            Accounts =
            [
                new AccountOptions
                {
                    Name = "gmail",
                    Imap = new ImapOptions
                    {
                        Host = "imap.example", Username = "me@example.com", Auth = ImapAuth.OAuth2, OAuthProvider = OAuthProvider.Google,
                        OAuthClientId = "client-1", OAuthClientSecret = "secret-1", OAuthRefreshToken = "rt-configured", OAuthTokenUrl = endpoint.Url,
                    },
                },
            ],
        };
        return new OAuthAccessTokens(new FixedOptions(options), new PlainHttpClients(), clock, NullLogger<OAuthAccessTokens>.Instance);
    }

    private sealed class FixedOptions(TriageOptions value) : IOptionsMonitor<TriageOptions>
    {
        public TriageOptions CurrentValue => value;
        public TriageOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<TriageOptions, string?> listener) => null;
    }

    private sealed class PlainHttpClients : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new();
    }
}
