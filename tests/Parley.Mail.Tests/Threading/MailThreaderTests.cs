using Microsoft.EntityFrameworkCore;
using Parley.Tests.Infrastructure;
using static Parley.Mail.Tests.Threading.MailStoreData;

namespace Parley.Mail.Tests.Threading;

/// <summary>
/// Threading through the real store on both databases: In-Reply-To, References, replies that arrive before
/// their parent, merges, and subject-only joins (7-day window, shared participant, same inbox).
/// </summary>
public sealed class MailThreaderTests
{
    [Theory, BothProviders]
    public async Task A_reply_joins_its_parents_thread_by_In_Reply_To_whatever_its_subject(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (support, _) = await app.AddInboxesAsync();

        var parent = await app.StoreAsync(Mime("p1@remote.test", "Re: [team] Fwd: Launch plan"), support);
        var reply = await app.StoreAsync(Mime("r1@other.test", "Something else entirely", from: "bob@other.test", inReplyTo: "p1@remote.test"), support);

        Assert.Equal(parent.Thread.ThreadId, reply.Thread.ThreadId);
        var thread = await app.WithMailAsync(db => db.Threads.SingleAsync(t => t.Id == parent.Thread.ThreadId));
        Assert.Equal("Launch plan", thread.Subject);
    }

    [Theory, BothProviders]
    public async Task References_are_followed_when_In_Reply_To_is_missing_and_unknown_ids_are_skipped(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (support, _) = await app.AddInboxesAsync();
        var known = await app.StoreAsync(Mime("known@remote.test", "Topic"), support);

        // Newest first: "newest@nowhere" is unknown, so the next newer one that is stored decides.
        var reply = await app.StoreAsync(
            Mime("reply@other.test", "Unrelated words", from: "bob@other.test", references: "root@nowhere known@remote.test newest@nowhere"), support);

        Assert.Equal(known.Thread.ThreadId, reply.Thread.ThreadId);
        Assert.Empty(reply.Thread.MergedThreadIds);
        var positions = await app.WithMailAsync(db => db.MessageReferences.Where(r => r.MessageId == "reply@other.test")
            .OrderBy(r => r.Position).Select(r => r.ReferencedId).ToListAsync());
        Assert.Equal(["root@nowhere", "known@remote.test", "newest@nowhere"], positions);
    }

    [Theory, BothProviders]
    public async Task Message_ids_that_differ_only_in_case_are_different_messages(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (support, _) = await app.AddInboxesAsync();

        var upper = await app.StoreAsync(Mime("Case.Test@remote.test", "First"), support);
        var lower = await app.StoreAsync(Mime("case.test@remote.test", "Second", from: "carol@third.test"), support);
        var reply = await app.StoreAsync(Mime("r@other.test", "Third", from: "bob@other.test", inReplyTo: "case.test@remote.test"), support);

        Assert.False(lower.Duplicate);
        Assert.NotEqual(upper.Thread.ThreadId, lower.Thread.ThreadId);
        Assert.Equal(lower.Thread.ThreadId, reply.Thread.ThreadId);
        Assert.Equal(2, await app.WithMailAsync(db => db.Messages.CountAsync(m => m.MessageId.ToLower() == "case.test@remote.test")));
    }

    [Theory, BothProviders]
    public async Task A_parent_arriving_after_its_replies_joins_them_and_merges_their_threads(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (support, _) = await app.AddInboxesAsync();

        // Two replies to a message not yet here, unrelated by subject and sender: two threads.
        var first = await app.StoreAsync(Mime("c1@other.test", "Re: Plan", from: "bob@other.test", inReplyTo: "parent@remote.test"), support);
        var second = await app.StoreAsync(Mime("c2@third.test", "Plan B?", from: "carol@third.test", references: "parent@remote.test"), support);
        Assert.NotEqual(first.Thread.ThreadId, second.Thread.ThreadId);

        var parent = await app.StoreAsync(Mime("parent@remote.test", "Plan"), support);

        Assert.Equal(first.Thread.ThreadId, parent.Thread.ThreadId);
        Assert.Equal([second.Thread.ThreadId], parent.Thread.MergedThreadIds);
        foreach (var id in new[] { "c1@other.test", "c2@third.test", "parent@remote.test" })
        {
            Assert.Equal(first.Thread.ThreadId, await app.ThreadOfAsync(id));
        }
        var merged = await app.WithMailAsync(db => db.Threads.SingleAsync(t => t.Id == second.Thread.ThreadId));
        Assert.Equal(first.Thread.ThreadId, merged.MergedInto);
        Assert.NotNull(merged.DeletedAt);
    }

    [Theory, BothProviders]
    public async Task A_parent_arriving_after_one_reply_joins_its_thread_without_a_merge(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (support, _) = await app.AddInboxesAsync();
        var early = TimeProvider.System.GetUtcNow().AddHours(-2);

        var reply = await app.StoreAsync(Mime("child@other.test", "Re: Budget", from: "bob@other.test", inReplyTo: "late@remote.test"), support);
        var parent = await app.StoreAsync(Mime("late@remote.test", "Budget", from: "dave@fourth.test", date: early), support);

        Assert.Equal(reply.Thread.ThreadId, parent.Thread.ThreadId);
        Assert.Empty(parent.Thread.MergedThreadIds);
        // The thread now starts when its oldest message was sent.
        var thread = await app.WithMailAsync(db => db.Threads.SingleAsync(t => t.Id == reply.Thread.ThreadId));
        Assert.True(Math.Abs((thread.CreatedAt - early.UtcDateTime).TotalSeconds) < 1, $"created_at {thread.CreatedAt:o}");
    }

    [Theory, BothProviders]
    public async Task References_spanning_several_threads_merge_them_into_the_oldest(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (support, _) = await app.AddInboxesAsync();
        var older = await app.StoreAsync(Mime("a@remote.test", "Alpha", date: TimeProvider.System.GetUtcNow().AddHours(-3)), support);
        var newer = await app.StoreAsync(Mime("b@third.test", "Beta", from: "carol@third.test", date: TimeProvider.System.GetUtcNow().AddHours(-1)), support);
        Assert.NotEqual(older.Thread.ThreadId, newer.Thread.ThreadId);

        var joining = await app.StoreAsync(Mime("c@other.test", "Gamma", from: "bob@other.test", inReplyTo: "b@third.test", references: "a@remote.test b@third.test"), support);

        Assert.Equal(older.Thread.ThreadId, joining.Thread.ThreadId);
        Assert.Equal([newer.Thread.ThreadId], joining.Thread.MergedThreadIds);
        Assert.Equal(older.Thread.ThreadId, await app.ThreadOfAsync("b@third.test"));
        var threads = await app.WithMailAsync(db => db.Threads.OrderBy(t => t.CreatedAt).ToListAsync());
        Assert.Equal(2, threads.Count);
        Assert.Null(threads[0].DeletedAt);
        Assert.Equal(older.Thread.ThreadId, threads[1].MergedInto);
        Assert.NotNull(threads[1].DeletedAt);
        // The survivor's activity is its newest message's.
        Assert.True(threads[0].UpdatedAt >= TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(-1), $"updated_at {threads[0].UpdatedAt:o}");
    }

    [Theory, BothProviders]
    public async Task Subject_alone_joins_a_thread_updated_within_seven_days_that_shares_a_participant(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (support, _) = await app.AddInboxesAsync();

        var first = await app.StoreAsync(Mime("q1@remote.test", "Quarterly report", date: TimeProvider.System.GetUtcNow().AddDays(-6)), support);
        var second = await app.StoreAsync(Mime("q2@remote.test", "RE: Fwd: Quarterly report (fwd)"), support);

        Assert.Equal(first.Thread.ThreadId, second.Thread.ThreadId);
    }

    [Theory, BothProviders]
    public async Task Subject_alone_does_not_join_a_thread_quiet_for_more_than_seven_days(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (support, _) = await app.AddInboxesAsync();

        var first = await app.StoreAsync(Mime("o1@remote.test", "Quarterly report", date: TimeProvider.System.GetUtcNow().AddDays(-8)), support);
        var second = await app.StoreAsync(Mime("o2@remote.test", "Re: Quarterly report"), support);

        Assert.NotEqual(first.Thread.ThreadId, second.Thread.ThreadId);
    }

    [Theory, BothProviders]
    public async Task The_subject_window_is_configurable(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, new Dictionary<string, string?> { ["Mail:Inbound:SubjectThreadingDays"] = "30" });
        var (support, _) = await app.AddInboxesAsync();

        var first = await app.StoreAsync(Mime("w1@remote.test", "Quarterly report", date: TimeProvider.System.GetUtcNow().AddDays(-20)), support);
        var second = await app.StoreAsync(Mime("w2@remote.test", "Re: Quarterly report"), support);

        Assert.Equal(first.Thread.ThreadId, second.Thread.ThreadId);
    }

    [Theory, BothProviders]
    public async Task Subject_alone_does_not_join_without_a_shared_participant_besides_the_inbox(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (support, _) = await app.AddInboxesAsync();

        var first = await app.StoreAsync(Mime("i1@remote.test", "Invoice"), support);
        var stranger = await app.StoreAsync(Mime("i2@evil.test", "Re: Invoice", from: "mallory@evil.test"), support);
        var copied = await app.StoreAsync(Mime("i3@third.test", "Re: Invoice", from: "carol@third.test", cc: "alice@remote.test"), support);

        Assert.NotEqual(first.Thread.ThreadId, stranger.Thread.ThreadId);
        // A participant in Cc is a participant.
        Assert.Equal(first.Thread.ThreadId, copied.Thread.ThreadId);
    }

    [Theory, BothProviders]
    public async Task Subject_alone_does_not_join_a_thread_of_another_inbox(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (support, sales) = await app.AddInboxesAsync();

        var first = await app.StoreAsync(Mime("s1@remote.test", "Hello there"), support);
        var second = await app.StoreAsync(Mime("s2@remote.test", "Re: Hello there", to: "sales@example.test"), sales);

        Assert.NotEqual(first.Thread.ThreadId, second.Thread.ThreadId);
    }

    [Theory, BothProviders]
    public async Task A_message_without_a_Message_ID_gets_a_generated_one_and_is_flagged(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (support, _) = await app.AddInboxesAsync();

        var one = await app.StoreAsync(Mime("", "No id"), support);
        var two = await app.StoreAsync(Mime("", "No id"), support);

        Assert.False(two.Duplicate);
        Assert.NotEqual(one.Message.MessageId, two.Message.MessageId);
        Assert.EndsWith("@mail.example.test", one.Message.MessageId);
        Assert.DoesNotContain('<', one.Message.MessageId);
        var metadata = await app.WithMailAsync(db => db.Messages.Where(m => m.MessageId == one.Message.MessageId).Select(m => m.Metadata).SingleAsync());
        Assert.Contains("\"message_id_generated\":true", metadata.Replace(" ", ""));
    }

    [Theory, BothProviders]
    public async Task The_same_Message_ID_again_is_a_duplicate_that_only_adds_its_inbox(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (support, sales) = await app.AddInboxesAsync();
        var mime = Mime("dup@remote.test", "Twice", to: "support@example.test, sales@example.test");

        var first = await app.StoreAsync(mime, support);
        var again = await app.StoreAsync(mime, support);
        var forSales = await app.StoreAsync(mime, sales);

        Assert.False(first.Duplicate);
        Assert.True(again.Duplicate);
        Assert.True(forSales.Duplicate);
        Assert.Equal(first.Thread.ThreadId, forSales.Thread.ThreadId);
        Assert.Equal(1, await app.WithMailAsync(db => db.Messages.CountAsync()));
        Assert.Equal(2, await app.WithMailAsync(db => db.MessageRecipients.CountAsync()));
        var inboxes = await app.WithMailAsync(db => db.MessageInboxes.Where(l => l.MessageId == "dup@remote.test").Select(l => l.InboxId).ToListAsync());
        Assert.Equal(new[] { support, sales }.Order(), inboxes.Order());
    }
}
