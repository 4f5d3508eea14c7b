using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Parley.Tests.Infrastructure;
using Parley.Triage.Imap;
using Parley.Triage.Pipeline;

namespace Parley.Triage.Tests.Pipeline;

/// <summary>
/// The real server with one Triage account on a fresh Dovecot user, configured through <c>Triage:</c> settings as
/// parley.yaml would give them: a rule moving "invoice" mail to Receipts, everything else to the fake LLM.
/// </summary>
internal sealed class PipelineHarness : IAsyncDisposable
{
    public const string Password = "secret";

    private PipelineHarness(TestApp app, FakeTimeProvider clock, FakeLlmServer llm, TestImapServer imap, string user)
    {
        App = app;
        Clock = clock;
        Llm = llm;
        Imap = imap;
        User = user;
    }

    public TestApp App { get; }
    public FakeTimeProvider Clock { get; }
    public FakeLlmServer Llm { get; }
    public TestImapServer Imap { get; }
    public string User { get; }

    public static string FlagReply(string flag = "\\\\Flagged") =>
        $$"""{"actions":[{"type":"flag","flags":["{{flag}}"]}],"category":"work","confidence":0.9,"reasoning":"looks important"}""";

    public static async Task<PipelineHarness> StartAsync(
        string provider, TestImapServer imap, Action<Dictionary<string, string?>>? adjust = null,
        Action<IServiceCollection>? services = null, IReadOnlyList<string>? folders = null)
    {
        var user = "u" + Guid.NewGuid().ToString("N")[..10];
        await imap.AddUserAsync(user, Password);
        if (folders is not null)
        {
            using var client = await imap.ConnectAsync(user, Password);
            var root = client.GetFolder(client.PersonalNamespaces[0]);
            foreach (var folder in folders)
            {
                await root.CreateAsync(folder, true);
            }
        }
        var llm = await FakeLlmServer.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Triage:accounts:0:name"] = user,
            ["Triage:accounts:0:imap:host"] = "127.0.0.1",
            ["Triage:accounts:0:imap:port"] = imap.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Triage:accounts:0:imap:tls"] = "starttls",
            ["Triage:accounts:0:imap:username"] = user,
            ["Triage:accounts:0:imap:password"] = Password,
            ["Triage:accounts:0:imap:trusted_tls_fingerprints:0"] = imap.CertificateSha256,
            ["Triage:accounts:0:folders:mode"] = "auto_create",
            ["Triage:accounts:0:llm_provider"] = "fake",
            ["Triage:llm_providers:0:name"] = "fake",
            ["Triage:llm_providers:0:api_url"] = llm.ChatCompletionsUrl.ToString(),
            ["Triage:llm_providers:0:default_model"] = "fake-model",
            ["Triage:rules:0:name"] = "invoices",
            ["Triage:rules:0:conditions:0:field"] = "subject",
            ["Triage:rules:0:conditions:0:op"] = "contains",
            ["Triage:rules:0:conditions:0:value"] = "invoice",
            ["Triage:rules:0:actions:0:type"] = "move",
            ["Triage:rules:0:actions:0:folder"] = "Receipts",
            ["Triage:retry:initial_delay"] = "5m",
            ["Triage:retry:jitter"] = "false",
            ["Triage:state:audit_subjects"] = "true",
        };
        adjust?.Invoke(settings);
        var (app, clock) = await TriageTestApp.StartAsync(provider, settings, services);
        var harness = new PipelineHarness(app, clock, llm, imap, user);
        await harness.WaitConnectedAsync();
        return harness;
    }

    public AccountRuntime Runtime => App.Services.GetRequiredService<RunningAccounts>().Find(User)!;

    /// <summary>Every watcher of the account has fixed its starting point: mail appended now is new.</summary>
    public Task WaitConnectedAsync() => Eventually.Until(
        () => App.Services.GetRequiredService<RunningAccounts>().Find(User) is { Watching: not null } r && r.Watchers.All(w => w.Connected),
        TimeSpan.FromSeconds(15), "the account's watchers connect");

    public Task<uint> AppendAsync(string subject, string folder = "INBOX", string? messageId = null)
    {
        var message = TestImapServer.Message(subject, body: "body of " + subject);
        if (messageId is not null)
        {
            message.MessageId = messageId;
        }
        return Imap.AppendAsync(User, Password, folder, message);
    }

    public Task<IReadOnlyList<StoredImapMessage>> MessagesAsync(string folder) => Imap.MessagesAsync(User, Password, folder);

    public Task<int> AuditCountAsync() => App.WithDbAsync(db => db.AuditLog.CountAsync(a => a.AccountName == User));

    public Task<List<Triage.DeadLetters.DeadLetter>> DeadLettersAsync() =>
        App.WithDbAsync(db => db.DeadLetters.AsNoTracking().Where(d => d.AccountName == User).OrderBy(d => d.Id).ToListAsync());

    public async Task<bool> InFolderAsync(string folder, string subject)
    {
        try
        {
            return (await MessagesAsync(folder)).Any(m => m.Subject == subject);
        }
        catch (MailKit.FolderNotFoundException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Llm.DisposeAsync();
    }
}
