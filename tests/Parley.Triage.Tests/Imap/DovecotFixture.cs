using Parley.Tests.Infrastructure;
using Parley.Triage.Imap;

namespace Parley.Triage.Tests.Imap;

/// <summary>One Dovecot per test class; each test makes its own user so tests never see each other's mail.</summary>
public sealed class DovecotFixture : IAsyncLifetime
{
    public TestImapServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await TestImapServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>A fresh user and the account settings that reach it over STARTTLS with the server's fingerprint trusted.</summary>
    public async Task<ImapAccount> NewAccountAsync(Func<ImapAccount, ImapAccount>? adjust = null) =>
        await NewAccountAsync(Server, adjust);

    public static async Task<ImapAccount> NewAccountAsync(TestImapServer server, Func<ImapAccount, ImapAccount>? adjust = null)
    {
        var user = "u" + Guid.NewGuid().ToString("N")[..10];
        await server.AddUserAsync(user, "secret");
        var account = new ImapAccount
        {
            Name = user,
            Host = "127.0.0.1",
            Port = server.Port,
            Tls = ImapTlsMode.StartTls,
            Username = user,
            Password = "secret",
            TrustedTlsFingerprints = [server.CertificateSha256],
            PollingInterval = TimeSpan.FromMilliseconds(200),
            ReconnectInitialDelay = TimeSpan.FromMilliseconds(100),
            ReconnectMaxDelay = TimeSpan.FromSeconds(1),
            Timeout = TimeSpan.FromSeconds(10),
        };
        return adjust is null ? account : adjust(account);
    }
}
