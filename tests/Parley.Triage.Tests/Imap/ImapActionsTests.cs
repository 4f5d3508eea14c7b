using MailKit;
using Parley.Tests.Infrastructure;
using Parley.Triage.Actions;
using Parley.Triage.Imap;

namespace Parley.Triage.Tests.Imap;

/// <summary>Actions against a real Dovecot, and mailbox safety: only the acted-on message's own UID is ever expunged.</summary>
public sealed class ImapActionsTests(DovecotFixture dovecot) : IClassFixture<DovecotFixture>
{
    private TestImapServer Server => dovecot.Server;

    private async Task<IReadOnlyList<ImapActionOutcome>> ActAsync(ImapAccount account, uint uid, params TriageAction[] actions)
    {
        using var client = await new ImapConnector().ConnectAsync(account, CancellationToken.None);
        return await new ImapActions(client, account).ExecuteAsync("INBOX", uid, actions, CancellationToken.None);
    }

    /// <summary>Someone else's message in INBOX marked \Deleted but not expunged: none of our actions may remove it.</summary>
    private async Task<uint> BystanderAsync(ImapAccount account) =>
        await Server.AppendAsync(account.Username, "secret", "INBOX", TestImapServer.Message("bystander"), MessageFlags.Deleted);

    private async Task AssertBystanderKeptAsync(ImapAccount account, uint bystander)
    {
        var inbox = await Server.MessagesAsync(account.Username, "secret", "INBOX");
        Assert.Contains(inbox, m => m.Uid == bystander && m.Flags.HasFlag(MessageFlags.Deleted));
    }

    [Fact]
    public async Task Move_to_an_existing_folder_and_to_a_new_one_removes_only_that_message_from_the_inbox()
    {
        var account = await dovecot.NewAccountAsync(a => a with { AutoCreateFolders = true });
        var bystander = await BystanderAsync(account);
        var first = await Server.AppendAsync(account.Username, "secret", "INBOX", TestImapServer.Message("to archive folder"));
        var second = await Server.AppendAsync(account.Username, "secret", "INBOX", TestImapServer.Message("to receipts"));

        await ActAsync(account, first, new TriageAction(TriageActionKind.Move, Folder: "Sent"));
        var outcome = await ActAsync(account, second, new TriageAction(TriageActionKind.Move, Folder: "Receipts/2026"));

        Assert.Contains("(created)", outcome[0].Description);
        Assert.Contains("Receipts/2026", await Server.FoldersAsync(account.Username, "secret"));
        Assert.Equal(["to archive folder"], (await Server.MessagesAsync(account.Username, "secret", "Sent")).Select(m => m.Subject));
        Assert.Equal(["to receipts"], (await Server.MessagesAsync(account.Username, "secret", "Receipts/2026")).Select(m => m.Subject));
        Assert.Equal([bystander], (await Server.MessagesAsync(account.Username, "secret", "INBOX")).Select(m => m.Uid));
    }

    [Fact]
    public async Task A_set_is_flagged_labelled_and_moved_with_one_command_each_and_only_its_own_uids_leave_the_inbox()
    {
        var account = await dovecot.NewAccountAsync(a => a with { AutoCreateFolders = true });
        var bystander = await BystanderAsync(account);
        var left = await Server.AppendAsync(account.Username, "secret", "INBOX", TestImapServer.Message("not in the set"));
        var set = new List<UniqueId>();
        foreach (var subject in new[] { "one", "two", "three" })
        {
            set.Add(new UniqueId(await Server.AppendAsync(account.Username, "secret", "INBOX", TestImapServer.Message(subject))));
        }
        TriageAction[] actions =
        [
            new(TriageActionKind.Flag, Flags: ["\\Flagged"]),
            new(TriageActionKind.Label, Labels: ["batch"]),
            new(TriageActionKind.Move, Folder: "Together"),
        ];
        Assert.True(ImapActions.CanExecuteOnAll(actions));
        Assert.False(ImapActions.CanExecuteOnAll([actions[2], actions[0]])); // a move only as the last action

        using (var client = await new ImapConnector().ConnectAsync(account, CancellationToken.None))
        {
            await new ImapActions(client, account).ExecuteOnAllAsync("INBOX", set, actions, CancellationToken.None);
        }

        var moved = await Server.MessagesAsync(account.Username, "secret", "Together");
        Assert.Equal(["one", "three", "two"], moved.Select(m => m.Subject).Order());
        Assert.All(moved, m => Assert.True(m.Flags.HasFlag(MessageFlags.Flagged) && m.Keywords.Contains("batch")));
        var inbox = await Server.MessagesAsync(account.Username, "secret", "INBOX");
        Assert.Equal([bystander, left], inbox.Select(m => m.Uid).Order());
        Assert.DoesNotContain(inbox, m => m.Flags.HasFlag(MessageFlags.Flagged) || m.Keywords.Contains("batch"));
    }

    [Fact]
    public async Task A_missing_folder_is_refused_when_folders_are_predefined()
    {
        var account = await dovecot.NewAccountAsync();
        var uid = await Server.AppendAsync(account.Username, "secret", "INBOX", TestImapServer.Message("stays"));

        await Assert.ThrowsAsync<ImapActionRefused>(() => ActAsync(account, uid, new TriageAction(TriageActionKind.Move, Folder: "Nowhere")));

        Assert.Single(await Server.MessagesAsync(account.Username, "secret", "INBOX"));
        Assert.DoesNotContain("Nowhere", await Server.FoldersAsync(account.Username, "secret"));
    }

    [Fact]
    public async Task Copy_flags_keywords_and_read_state_change_the_message_in_place()
    {
        var account = await dovecot.NewAccountAsync(a => a with { AutoCreateFolders = true });
        var uid = await Server.AppendAsync(account.Username, "secret", "INBOX", TestImapServer.Message("flag me"));

        await ActAsync(account, uid,
            new TriageAction(TriageActionKind.Copy, Folder: "Copies"),
            new TriageAction(TriageActionKind.Flag, Flags: ["\\Flagged", "$Important"]),
            new TriageAction(TriageActionKind.Label, Labels: ["work"]),
            new TriageAction(TriageActionKind.MarkRead));
        var after = Assert.Single(await Server.MessagesAsync(account.Username, "secret", "INBOX"));
        Assert.True(after.Flags.HasFlag(MessageFlags.Flagged));
        Assert.True(after.Flags.HasFlag(MessageFlags.Seen));
        Assert.Contains("$Important", after.Keywords);
        Assert.Contains("work", after.Keywords);
        Assert.Single(await Server.MessagesAsync(account.Username, "secret", "Copies"));

        await ActAsync(account, uid,
            new TriageAction(TriageActionKind.Unflag, Flags: ["\\Flagged", "$Important"]),
            new TriageAction(TriageActionKind.Unlabel, Labels: ["work"]),
            new TriageAction(TriageActionKind.MarkUnread));
        after = Assert.Single(await Server.MessagesAsync(account.Username, "secret", "INBOX"));
        Assert.False(after.Flags.HasFlag(MessageFlags.Flagged));
        Assert.False(after.Flags.HasFlag(MessageFlags.Seen));
        Assert.Empty(after.Keywords);
    }

    [Fact]
    public async Task Archive_delete_and_spam_go_to_the_special_use_folders_and_leave_a_deleted_bystander_alone()
    {
        var account = await dovecot.NewAccountAsync();
        var bystander = await BystanderAsync(account);
        var archived = await Server.AppendAsync(account.Username, "secret", "INBOX", TestImapServer.Message("archive"));
        var deleted = await Server.AppendAsync(account.Username, "secret", "INBOX", TestImapServer.Message("delete"));
        var spam = await Server.AppendAsync(account.Username, "secret", "INBOX", TestImapServer.Message("spam"));

        await ActAsync(account, archived, new TriageAction(TriageActionKind.Archive));
        await ActAsync(account, deleted, new TriageAction(TriageActionKind.Delete));
        await ActAsync(account, spam, new TriageAction(TriageActionKind.Spam));

        Assert.Equal(["archive"], (await Server.MessagesAsync(account.Username, "secret", "Archive")).Select(m => m.Subject));
        Assert.Equal(["delete"], (await Server.MessagesAsync(account.Username, "secret", "Trash")).Select(m => m.Subject));
        Assert.Equal(["spam"], (await Server.MessagesAsync(account.Username, "secret", "Junk")).Select(m => m.Subject));
        await AssertBystanderKeptAsync(account, bystander);
    }

    [Fact]
    public async Task Without_MOVE_a_move_is_copy_and_uid_expunge_of_that_message_only()
    {
        await using var server = await TestImapServer.StartAsync(
            "IMAP4rev1 SASL-IR LITERAL+ ID ENABLE IDLE UIDPLUS NAMESPACE SPECIAL-USE LIST-EXTENDED CHILDREN");
        var account = await DovecotFixture.NewAccountAsync(server);
        var bystander = await server.AppendAsync(account.Username, "secret", "INBOX", TestImapServer.Message("bystander"), MessageFlags.Deleted);
        var uid = await server.AppendAsync(account.Username, "secret", "INBOX", TestImapServer.Message("moved"));

        using (var client = await new ImapConnector().ConnectAsync(account, CancellationToken.None))
        {
            Assert.False(client.Capabilities.HasFlag(MailKit.Net.Imap.ImapCapabilities.Move));
            await new ImapActions(client, account).ExecuteAsync("INBOX", uid, [new TriageAction(TriageActionKind.Archive)], CancellationToken.None);
        }

        Assert.Equal(["moved"], (await server.MessagesAsync(account.Username, "secret", "Archive")).Select(m => m.Subject));
        Assert.Equal([bystander], (await server.MessagesAsync(account.Username, "secret", "INBOX")).Select(m => m.Uid));
    }

    [Fact]
    public async Task Delete_inside_Trash_expunges_that_message_only()
    {
        var account = await dovecot.NewAccountAsync();
        var other = await Server.AppendAsync(account.Username, "secret", "Trash", TestImapServer.Message("other"), MessageFlags.Deleted);
        var uid = await Server.AppendAsync(account.Username, "secret", "Trash", TestImapServer.Message("gone"));

        using (var client = await new ImapConnector().ConnectAsync(account, CancellationToken.None))
        {
            await new ImapActions(client, account).ExecuteAsync("Trash", uid, [new TriageAction(TriageActionKind.Delete)], CancellationToken.None);
        }

        Assert.Equal([other], (await Server.MessagesAsync(account.Username, "secret", "Trash")).Select(m => m.Uid));
    }

    [Fact]
    public async Task Dry_run_records_what_would_happen_and_touches_nothing()
    {
        var account = await dovecot.NewAccountAsync(a => a with { DryRun = true, AutoCreateFolders = true });
        var uid = await Server.AppendAsync(account.Username, "secret", "INBOX", TestImapServer.Message("untouched"));

        var outcomes = await ActAsync(account, uid,
            new TriageAction(TriageActionKind.Flag, Flags: ["\\Flagged"]),
            new TriageAction(TriageActionKind.Move, Folder: "New/Folder"),
            new TriageAction(TriageActionKind.Delete));

        Assert.All(outcomes, o => Assert.False(o.Performed));
        Assert.All(outcomes, o => Assert.StartsWith("would", o.Description));
        var message = Assert.Single(await Server.MessagesAsync(account.Username, "secret", "INBOX"));
        Assert.Equal(MessageFlags.None, message.Flags & ~MessageFlags.Recent);
        Assert.DoesNotContain("New/Folder", await Server.FoldersAsync(account.Username, "secret"));
    }
}
