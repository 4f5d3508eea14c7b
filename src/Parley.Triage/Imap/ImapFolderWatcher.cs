using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.Extensions.Logging;

namespace Parley.Triage.Imap;

/// <summary>
/// Watches one folder of one account on a connection of its own and hands every new message to the
/// <see cref="ITriageEmailSink"/> once: through IDLE where the server has it, by polling otherwise. Its place is
/// kept in <see cref="ImapFolderStates"/> after each message (after each batch for an <see cref="ITriageEmailBatchSink"/>),
/// so a restart or a reconnect catches up on exactly what arrived meanwhile. A dropped connection is reopened with exponential backoff until <see cref="RunAsync"/> is
/// cancelled. The folder is opened read-only: watching never changes a flag (bodies are fetched with BODY.PEEK).
/// </summary>
public sealed class ImapFolderWatcher(
    ImapAccount account,
    string folderName,
    ImapConnector connector,
    ImapFolderStates states,
    ITriageEmailSink sink,
    TimeProvider time,
    ILogger<ImapFolderWatcher> logger,
    Antivirus.EmailAntivirus? antivirus = null)
{
    /// <summary>True while a connection is open and the folder selected (the dashboard's "connected").</summary>
    public bool Connected { get; private set; }

    /// <summary>How many times a connection failed since the watcher started (tests and /health).</summary>
    public int Failures { get; private set; }

    /// <summary>Whether new mail is awaited by IDLE (true) or by polling (false); null until the first connection.</summary>
    public bool? UsingIdle { get; private set; }

    /// <summary>The last connection failure's message (no secrets: MailKit's text), cleared when a connection succeeds.</summary>
    public string? LastError { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var delay = account.ReconnectInitialDelay;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var client = await connector.ConnectAsync(account, cancellationToken);
                delay = account.ReconnectInitialDelay;
                await WatchAsync(client, () => delay = account.ReconnectInitialDelay, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                Failures++;
                LastError = e.Message;
                logger.LogWarning("IMAP {Account}/{Folder}: {Error}; reconnecting in {Delay}", account.Name, folderName, e.Message, delay);
            }
            finally
            {
                Connected = false;
            }
            try
            {
                await Task.Delay(delay, time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, account.ReconnectMaxDelay.Ticks));
        }
    }

    private async Task WatchAsync(ImapClient client, Action connected, CancellationToken cancellationToken)
    {
        var folder = await client.GetFolderAsync(folderName, cancellationToken);
        await folder.OpenAsync(FolderAccess.ReadOnly, cancellationToken);
        var lastUid = await StartingPointAsync(folder, cancellationToken);
        // Connected only once the starting point is fixed: mail arriving from now on is new.
        Connected = true;
        LastError = null;
        connected();
        var idle = account.UseIdle && client.Capabilities.HasFlag(ImapCapabilities.Idle);
        UsingIdle = idle;
        // An EXISTS the server reports during the search or a fetch (mail that arrived after the search) is reported
        // once: without this flag the watcher would go into IDLE having missed it and wait for the next refresh.
        var countChanged = false;
        void OnCountChanged(object? sender, EventArgs e) => countChanged = true;
        folder.CountChanged += OnCountChanged;
        try
        {
            while (true)
            {
                countChanged = false;
                lastUid = await HandNewAsync(folder, lastUid, cancellationToken);
                if (idle)
                {
                    if (!countChanged)
                    {
                        await IdleUntilChangeAsync(client, folder, cancellationToken);
                    }
                }
                else
                {
                    await Task.Delay(account.PollingInterval, time, cancellationToken);
                    await client.NoOpAsync(cancellationToken);
                }
            }
        }
        finally
        {
            folder.CountChanged -= OnCountChanged;
        }
    }

    /// <summary>The UID after which messages are new, from the stored state or (first start) the backlog mode.</summary>
    private async Task<uint> StartingPointAsync(IMailFolder folder, CancellationToken cancellationToken)
    {
        var uidValidity = folder.UidValidity;
        var state = await states.FindAsync(account.Name, folderName, cancellationToken);
        if (state is not null)
        {
            if (state.UidValidity == uidValidity)
            {
                return (uint)state.LastUid;
            }
            // The server renumbered the folder: every UID is new to us; processed_messages keeps the pipeline from
            // acting twice on what it already handled.
            logger.LogWarning("IMAP {Account}/{Folder}: UIDVALIDITY changed ({Old} -> {New}); scanning the folder again",
                account.Name, folderName, state.UidValidity, uidValidity);
            await states.SaveAsync(account.Name, folderName, uidValidity, 0, cancellationToken);
            return 0;
        }
        var start = await FirstStartAsync(folder, cancellationToken);
        await states.SaveAsync(account.Name, folderName, uidValidity, start, cancellationToken);
        return start;
    }

    private async Task<uint> FirstStartAsync(IMailFolder folder, CancellationToken cancellationToken)
    {
        var newest = folder.UidNext is { } next ? next.Id - 1 : await HighestUidAsync(folder, cancellationToken);
        switch (account.Backlog.Mode)
        {
            case ImapBacklogMode.All:
                return 0;
            case ImapBacklogMode.RecentCount:
            {
                var all = await folder.SearchAsync(SearchQuery.All, cancellationToken);
                return all.Count <= account.Backlog.Count ? 0 : all.OrderBy(u => u.Id).ElementAt(all.Count - account.Backlog.Count).Id - 1;
            }
            case ImapBacklogMode.RecentDays:
            {
                // INTERNALDATE SINCE has day granularity; the age's start day is included.
                var since = time.GetUtcNow() - account.Backlog.Age;
                var recent = await folder.SearchAsync(SearchQuery.DeliveredAfter(since.UtcDateTime.Date.AddDays(-1)), cancellationToken);
                return recent.Count == 0 ? newest : recent.Min(u => u.Id) - 1;
            }
            default:
                return newest;
        }
    }

    private static async Task<uint> HighestUidAsync(IMailFolder folder, CancellationToken cancellationToken)
    {
        var all = await folder.SearchAsync(SearchQuery.All, cancellationToken);
        return all.Count == 0 ? 0 : all.Max(u => u.Id);
    }

    /// <summary>
    /// Hands every message above <paramref name="lastUid"/>, oldest first, saving the place after each. Messages are
    /// fetched in batches (one FETCH BODY.PEEK[] for the next UIDs, within the account's
    /// <see cref="ImapAccount.FetchBatchCount"/> and <see cref="ImapAccount.FetchBatchBytes"/>) rather than one command each; a batch holds only what is already there, so a
    /// lone new message is fetched at once. Handing, and the stored place, stay one message at a time.
    /// </summary>
    private async Task<uint> HandNewAsync(IMailFolder folder, uint lastUid, CancellationToken cancellationToken)
    {
        var range = new UniqueIdRange(new UniqueId(lastUid + 1), UniqueId.MaxValue);
        // "n:*" always matches the newest message, even when its UID is below n.
        var uids = (await folder.SearchAsync(SearchQuery.Uids(range), cancellationToken)).Where(u => u.Id > lastUid).OrderBy(u => u.Id).ToList();
        if (uids.Count == 0)
        {
            return lastUid;
        }
        var sizes = (await folder.FetchAsync(uids, MessageSummaryItems.UniqueId | MessageSummaryItems.Size, cancellationToken))
            .ToDictionary(s => s.UniqueId.Id, s => (long)(s.Size ?? 0));
        // Expunged between SEARCH and FETCH: not there to hand.
        var present = uids.Where(u => sizes.ContainsKey(u.Id)).ToList();
        for (var next = 0; next < present.Count;)
        {
            var batch = NextBatch(present, next, sizes, account.FetchBatchCount, account.FetchBatchBytes);
            next += batch.Count;
            var messages = await FetchAsync(folder, batch, cancellationToken);
            // Expunged before the FETCH: not there to hand.
            var emails = new List<Emails.TriageEmail>();
            foreach (var uid in batch.Where(uid => messages.ContainsKey(uid.Id)))
            {
                var message = messages[uid.Id];
                var email = TriageEmailReader.Read(account.Name, folderName, folder.UidValidity, uid.Id, message, sizes[uid.Id], account.Attachments, account.Images);
                // Scanned here, where the attachments' bytes are: the sink gets the verdict, not the bytes.
                emails.Add(antivirus is null ? email : await antivirus.ScanAsync(email, message, cancellationToken));
            }
            messages.Clear();
            var finished = 0;
            if (sink is ITriageEmailBatchSink batchSink && emails.Count > 1)
            {
                finished = await batchSink.HandleBatchAsync(emails, cancellationToken);
                if (finished > 0)
                {
                    lastUid = emails[finished - 1].Uid;
                    // Not cancellable: those emails were handed, so a shutdown now must still record them.
                    await states.SaveAsync(account.Name, folderName, folder.UidValidity, lastUid, CancellationToken.None);
                }
            }
            // One at a time: a sink without batches, a batch of one, and whatever a batch left unfinished.
            foreach (var email in emails.Skip(finished))
            {
                cancellationToken.ThrowIfCancellationRequested();
                await sink.HandleAsync(email, cancellationToken);
                lastUid = email.Uid;
                // Not cancellable: the message was handed, so a shutdown now must still record it (or it is handed twice).
                await states.SaveAsync(account.Name, folderName, folder.UidValidity, lastUid, CancellationToken.None);
            }
        }
        return lastUid;
    }

    private static List<UniqueId> NextBatch(List<UniqueId> uids, int from, Dictionary<uint, long> sizes, int maxCount, long maxBytes)
    {
        var batch = new List<UniqueId> { uids[from] };
        var bytes = sizes[uids[from].Id];
        for (var i = from + 1; i < uids.Count && batch.Count < maxCount && bytes + sizes[uids[i].Id] <= maxBytes; i++)
        {
            batch.Add(uids[i]);
            bytes += sizes[uids[i].Id];
        }
        return batch;
    }

    /// <summary>The whole messages of <paramref name="uids"/> in one FETCH (read-only folder: no \Seen is set).</summary>
    private static async Task<Dictionary<uint, MimeKit.MimeMessage>> FetchAsync(IMailFolder folder, List<UniqueId> uids, CancellationToken cancellationToken)
    {
        var messages = new Dictionary<uint, MimeKit.MimeMessage>();
        if (uids.Count == 1 || folder is not IImapFolder imap)
        {
            foreach (var uid in uids)
            {
                try
                {
                    messages[uid.Id] = await folder.GetMessageAsync(uid, cancellationToken);
                }
                catch (MessageNotFoundException)
                {
                    // expunged meanwhile
                }
            }
            return messages;
        }
        await imap.GetStreamsAsync(uids, async (_, _, uid, stream, ct) =>
        {
            messages[uid.Id] = await MimeKit.MimeMessage.LoadAsync(stream, ct);
        }, cancellationToken);
        return messages;
    }

    /// <summary>IDLE until the folder's message count changes, the refresh interval passes, or cancellation.</summary>
    private async Task IdleUntilChangeAsync(ImapClient client, IMailFolder folder, CancellationToken cancellationToken)
    {
        using var done = new CancellationTokenSource(account.IdleRefresh, time);
        void Changed(object? sender, EventArgs e) => done.Cancel();
        folder.CountChanged += Changed;
        try
        {
            await client.IdleAsync(done.Token, cancellationToken);
        }
        finally
        {
            folder.CountChanged -= Changed;
        }
    }
}
