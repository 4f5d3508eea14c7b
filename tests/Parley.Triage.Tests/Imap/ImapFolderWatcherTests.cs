using System.Collections.Concurrent;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Parley.Tests.Infrastructure;
using Parley.Triage.Emails;
using Parley.Triage.Imap;

namespace Parley.Triage.Tests.Imap;

/// <summary>The watcher against a real Dovecot: IDLE, polling, resuming after a restart, recovering a dropped connection, TLS trust.</summary>
public sealed class ImapFolderWatcherTests(DovecotFixture dovecot) : IClassFixture<DovecotFixture>
{
    private static readonly TimeSpan Seconds10 = TimeSpan.FromSeconds(10);

    private sealed class CollectingSink : ITriageEmailSink
    {
        public ConcurrentQueue<TriageEmail> Emails { get; } = new();

        public Task HandleAsync(TriageEmail email, CancellationToken cancellationToken)
        {
            Emails.Enqueue(email);
            return Task.CompletedTask;
        }

        public IReadOnlyList<string?> Subjects => Emails.Select(e => e.Subject).ToList();
    }

    /// <summary>A watcher running in the background until disposed.</summary>
    private sealed class Running(ImapFolderWatcher watcher, CancellationTokenSource stop, Task run) : IAsyncDisposable
    {
        public ImapFolderWatcher Watcher => watcher;

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            await run;
            stop.Dispose();
        }
    }

    private static Running Start(TestApp app, ImapAccount account, ITriageEmailSink sink)
    {
        var watcher = new ImapFolderWatcher(account, "INBOX", app.Services.GetRequiredService<ImapConnector>(),
            app.Services.GetRequiredService<ImapFolderStates>(), sink, TimeProvider.System, NullLogger<ImapFolderWatcher>.Instance);
        var stop = new CancellationTokenSource();
        return new Running(watcher, stop, Task.Run(() => watcher.RunAsync(stop.Token)));
    }

    private Task<uint> AppendAsync(ImapAccount account, string subject) =>
        dovecot.Server.AppendAsync(account.Username, "secret", "INBOX", TestImapServer.Message(subject, body: "body of " + subject));

    /// <summary>Hands each email to <see cref="Inner"/> after running <see cref="OnFirst"/> once, on the first email.</summary>
    private sealed class FirstEmailHook(CollectingSink inner, Func<Task> onFirst) : ITriageEmailSink
    {
        private int _calls;

        public async Task HandleAsync(TriageEmail email, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _calls) == 1)
            {
                await onFirst();
            }
            await inner.HandleAsync(email, cancellationToken);
        }
    }

    [Fact]
    public async Task Mail_arriving_while_earlier_mail_is_fetched_is_handed_without_waiting_for_the_idle_refresh()
    {
        await using var app = await TestApp.StartAsync(TestDatabase.Sqlite);
        var account = await dovecot.NewAccountAsync(a => a with
        {
            PollingInterval = TimeSpan.FromMinutes(10),
            Backlog = new ImapBacklog { Mode = ImapBacklogMode.All },
        });
        await AppendAsync(account, "first");
        await AppendAsync(account, "second");
        var sink = new CollectingSink();
        // Appended while "first" is being handed: the server reports it (EXISTS) during the fetch of "second", before
        // the watcher goes into IDLE, and never again.
        var hook = new FirstEmailHook(sink, () => AppendAsync(account, "third"));

        await using var running = Start(app, account, hook);

        await Eventually.Until(() => sink.Emails.Count == 3, Seconds10, "the third message, reported during a fetch");
        Assert.Equal(["first", "second", "third"], sink.Subjects);
    }

    [Fact]
    public async Task Idle_sees_a_new_message_within_seconds_and_hands_it_as_a_triage_email()
    {
        await using var app = await TestApp.StartAsync(TestDatabase.Sqlite);
        // Polling slower than the deadline: only IDLE can pass this test.
        var account = await dovecot.NewAccountAsync(a => a with { PollingInterval = TimeSpan.FromMinutes(10) });
        await AppendAsync(account, "before the start");
        var sink = new CollectingSink();
        await using var running = Start(app, account, sink);
        await Eventually.Until(() => running.Watcher.Connected, Seconds10, "the watcher to connect");

        var uid = await AppendAsync(account, "arrives during idle");

        await Eventually.Until(() => !sink.Emails.IsEmpty, TimeSpan.FromSeconds(5), "IDLE to report the new message");
        var email = Assert.Single(sink.Emails);
        Assert.Equal("arrives during idle", email.Subject);
        Assert.Equal(uid, email.Uid);
        Assert.Equal(account.Name, email.AccountName);
        Assert.Equal("INBOX", email.Folder);
        Assert.Equal("sender@example.com", email.From);
        Assert.Equal(["alice@example.com"], email.To);
        Assert.Contains("body of arrives during idle", email.TextBody);
        Assert.True(email.Size > 0);
        Assert.Contains(email.Headers, h => h.Key == "Subject");
    }

    [Fact]
    public async Task Polling_finds_new_mail_when_the_server_has_no_idle()
    {
        await using var server = await TestImapServer.StartAsync("IMAP4rev1 SASL-IR LITERAL+ ID ENABLE UIDPLUS MOVE NAMESPACE SPECIAL-USE");
        await using var app = await TestApp.StartAsync(TestDatabase.Sqlite);
        var account = await DovecotFixture.NewAccountAsync(server);
        var sink = new CollectingSink();
        await using var running = Start(app, account, sink);
        await Eventually.Until(() => running.Watcher.Connected, Seconds10);

        await server.AppendAsync(account.Username, "secret", "INBOX", TestImapServer.Message("polled"));

        await Eventually.Until(() => sink.Subjects.Contains("polled"), Seconds10, "polling to find the message");
    }

    [Theory, BothProviders]
    public async Task A_restarted_watcher_resumes_after_the_last_uid_and_hands_nothing_twice(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var account = await dovecot.NewAccountAsync();
        var sink = new CollectingSink();
        await using (var running = Start(app, account, sink))
        {
            await Eventually.Until(() => running.Watcher.Connected, Seconds10);
            await AppendAsync(account, "one");
            await Eventually.Until(() => sink.Subjects.Contains("one"), Seconds10);
        }

        await AppendAsync(account, "two while stopped");
        await AppendAsync(account, "three while stopped");
        await using (var running = Start(app, account, sink))
        {
            await Eventually.Until(() => sink.Emails.Count >= 3, Seconds10, "the catch-up after the restart");
            await AppendAsync(account, "four");
            await Eventually.Until(() => sink.Emails.Count >= 4, Seconds10);
        }

        Assert.Equal(["one", "two while stopped", "three while stopped", "four"], sink.Subjects);
        var state = await app.Services.GetRequiredService<ImapFolderStates>().FindAsync(account.Name, "INBOX", CancellationToken.None);
        Assert.Equal(sink.Emails.Max(e => e.Uid), (uint)state!.LastUid);
        Assert.Equal(sink.Emails.First().UidValidity, (uint)state.UidValidity);
    }

    [Fact]
    public async Task A_dropped_connection_is_recovered_and_mail_that_arrived_meanwhile_is_handed_over()
    {
        await using var server = await TestImapServer.StartAsync();
        await using var app = await TestApp.StartAsync(TestDatabase.Sqlite);
        var account = await DovecotFixture.NewAccountAsync(server);
        var sink = new CollectingSink();
        await using var running = Start(app, account, sink);
        await Eventually.Until(() => running.Watcher.Connected, Seconds10);
        await server.AppendAsync(account.Username, "secret", "INBOX", TestImapServer.Message("before the drop"));
        await Eventually.Until(() => sink.Emails.Count == 1, Seconds10);

        await server.RestartAsync();
        await server.AppendAsync(account.Username, "secret", "INBOX", TestImapServer.Message("during the outage"));

        await Eventually.Until(() => sink.Emails.Count == 2, TimeSpan.FromSeconds(20), "the reconnect and catch-up");
        Assert.Equal(["before the drop", "during the outage"], sink.Subjects);
    }

    /// <summary>Throws once, on the email with <see cref="Subject"/>, before passing it on (the watcher reconnects).</summary>
    private sealed class FailOnceSink(CollectingSink inner, string subject) : ITriageEmailSink
    {
        private int _failed;

        public Task HandleAsync(TriageEmail email, CancellationToken cancellationToken)
        {
            if (email.Subject == subject && Interlocked.Exchange(ref _failed, 1) == 0)
            {
                throw new InvalidOperationException("the sink failed");
            }
            return inner.HandleAsync(email, cancellationToken);
        }
    }

    [Fact]
    public async Task A_backlog_larger_than_a_fetch_batch_is_handed_whole_in_order_and_the_place_is_saved_per_message()
    {
        await using var app = await TestApp.StartAsync(TestDatabase.Sqlite);
        const int batch = 4; // fetch_batch.count
        var account = await dovecot.NewAccountAsync(a => a with { Backlog = new ImapBacklog { Mode = ImapBacklogMode.All }, FetchBatchCount = batch });
        var subjects = Enumerable.Range(1, 2 * batch + 3).Select(i => $"message {i}").ToList();
        foreach (var subject in subjects)
        {
            await AppendAsync(account, subject);
        }
        var sink = new CollectingSink();
        // The second message of the second batch fails once: had the place been saved per batch rather than per
        // message, the first message of that batch would be handed again after the reconnect.
        var failing = subjects[batch + 1];

        await using var running = Start(app, account, new FailOnceSink(sink, failing));

        await Eventually.Until(() => sink.Emails.Count >= subjects.Count, TimeSpan.FromSeconds(30), "the whole backlog");
        Assert.Equal(subjects, sink.Subjects);
        Assert.Equal(1, running.Watcher.Failures);
        // Each body came from its own message in the batched FETCH.
        Assert.All(sink.Emails, e => Assert.Contains("body of " + e.Subject, e.TextBody));
        Assert.Equal(sink.Emails.Select(e => e.Uid).Order(), sink.Emails.Select(e => e.Uid));
    }

    [Fact]
    public async Task Backlog_all_hands_what_is_already_there_and_new_only_does_not()
    {
        await using var app = await TestApp.StartAsync(TestDatabase.Sqlite);
        var everything = await dovecot.NewAccountAsync(a => a with { Backlog = new ImapBacklog { Mode = ImapBacklogMode.All } });
        var newOnly = await dovecot.NewAccountAsync();
        var recent = await dovecot.NewAccountAsync(a => a with { Backlog = new ImapBacklog { Mode = ImapBacklogMode.RecentCount, Count = 1 } });
        foreach (var account in new[] { everything, newOnly, recent })
        {
            await AppendAsync(account, "old 1");
            await AppendAsync(account, "old 2");
        }
        var (all, none, last) = (new CollectingSink(), new CollectingSink(), new CollectingSink());
        await using var a = Start(app, everything, all);
        await using var b = Start(app, newOnly, none);
        await using var c = Start(app, recent, last);

        await Eventually.Until(() => all.Emails.Count == 2 && last.Emails.Count == 1 && b.Watcher.Connected, Seconds10);
        await AppendAsync(newOnly, "new");
        await Eventually.Until(() => none.Emails.Count == 1, Seconds10);
        Assert.Equal(["new"], none.Subjects);
        Assert.Equal(["old 2"], last.Subjects);
    }

    [Fact]
    public async Task Tls_with_a_trusted_fingerprint_connects_and_an_untrusted_self_signed_certificate_is_refused()
    {
        var trusted = await dovecot.NewAccountAsync(a => a with { Tls = ImapTlsMode.Tls, Port = dovecot.Server.TlsPort });
        var untrusted = trusted with { TrustedTlsFingerprints = ["00" + trusted.TrustedTlsFingerprints[0][2..]] };
        var none = trusted with { TrustedTlsFingerprints = [] };
        var connector = new ImapConnector();

        using (var client = await connector.ConnectAsync(trusted, CancellationToken.None))
        {
            Assert.True(client.IsSecure);
            Assert.True(client.IsAuthenticated);
        }
        await Assert.ThrowsAsync<SslHandshakeException>(() => connector.ConnectAsync(untrusted, CancellationToken.None));
        await Assert.ThrowsAsync<SslHandshakeException>(() => connector.ConnectAsync(none, CancellationToken.None));
        // STARTTLS on the plain port, fingerprint written with colons and lower case.
        var colons = string.Join(':', trusted.TrustedTlsFingerprints[0].Chunk(2).Select(c => new string(c))).ToLowerInvariant();
        using (var client = await connector.ConnectAsync(trusted with { Tls = ImapTlsMode.StartTls, Port = dovecot.Server.Port, TrustedTlsFingerprints = [colons] }, CancellationToken.None))
        {
            Assert.True(client.IsSecure);
        }
    }
}
