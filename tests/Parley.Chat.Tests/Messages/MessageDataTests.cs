using Microsoft.EntityFrameworkCore;
using Parley.Chat.Bookmarks;
using Parley.Chat.Messages;
using Parley.Tests.Infrastructure;

namespace Parley.Chat.Tests.Messages;

public sealed class MessageDataTests
{
    [Theory, BothProviders]
    public async Task A_message_with_every_column_set_reads_back_equal(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var root = ChatData.PlainMessage();
        var parent = ChatData.PlainMessage(root.ChannelId);
        await app.AddAsync(root, parent);
        var senderKey = new Parley.Chat.Keys.SenderKeyDistribution { ChannelId = root.ChannelId, UserId = Guid.CreateVersion7(), ChainId = 1, CreatedAt = ChatData.T0 };
        await app.AddAsync(senderKey);
        var message = new Message
        {
            ChannelId = root.ChannelId,
            SenderId = Guid.CreateVersion7(),
            Ciphertext = [1, 2, 3, 255],
            Nonce = [9, 8, 7],
            MessageType = MessageTypes.File,
            SenderKeyId = senderKey.Id,
            ReplyToId = parent.Id,
            ThreadId = root.Id,
            Plaintext = null,
            // Far ahead: the expired-message sweep runs every minute and would take a message already past it.
            ExpiresAt = ChatData.T0.AddYears(100),
            EditedAt = ChatData.T0.AddMinutes(1),
            DeletedAt = ChatData.T0.AddMinutes(2),
            QuarantinedAt = ChatData.T0.AddMinutes(3),
            QuarantinedBy = Guid.CreateVersion7(),
            CreatedAt = ChatData.T0,
        };
        await app.AddAsync(message);

        var read = await app.WithDbAsync(db => db.Messages.SingleAsync(m => m.Id == message.Id));

        Assert.Equivalent(message, read, strict: true);
        Assert.Equal(DateTimeKind.Utc, read.CreatedAt.Kind);
    }

    [Theory, BothProviders]
    public async Task A_message_needs_plaintext_or_ciphertext_with_nonce(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var channel = ChatData.Channel;

        await app.AddAsync(new Message { ChannelId = channel, SenderId = Guid.CreateVersion7(), Ciphertext = [1], Nonce = [2], CreatedAt = ChatData.T0 });
        await app.AssertRejectedAsync(new Message { ChannelId = channel, SenderId = Guid.CreateVersion7(), CreatedAt = ChatData.T0 });
        await app.AssertRejectedAsync(new Message { ChannelId = channel, SenderId = Guid.CreateVersion7(), Ciphertext = [1], CreatedAt = ChatData.T0 });
    }

    [Theory, BothProviders]
    public async Task Ciphertext_over_64_KiB_and_unknown_message_types_are_refused(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var channel = ChatData.Channel;

        await app.AddAsync(new Message { ChannelId = channel, SenderId = Guid.CreateVersion7(), Ciphertext = new byte[Message.MaxCiphertextBytes], Nonce = [2], CreatedAt = ChatData.T0 });
        await app.AssertRejectedAsync(new Message { ChannelId = channel, SenderId = Guid.CreateVersion7(), Ciphertext = new byte[Message.MaxCiphertextBytes + 1], Nonce = [2], CreatedAt = ChatData.T0 });
        await app.AssertRejectedAsync(new Message { ChannelId = channel, SenderId = Guid.CreateVersion7(), Plaintext = "x", MessageType = "voice", CreatedAt = ChatData.T0 });
    }

    [Theory, BothProviders]
    public async Task Deleting_a_message_keeps_its_replies_and_drops_its_history_reactions_pin_and_bookmarks(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var parent = ChatData.PlainMessage();
        var reply = ChatData.PlainMessage(parent.ChannelId);
        reply.ReplyToId = parent.Id;
        reply.ThreadId = parent.Id;
        await app.AddAsync(parent, reply);
        var user = Guid.CreateVersion7();
        await app.AddAsync(new MessageEdit { MessageId = parent.Id, OldCiphertext = [1], OldNonce = [2], EditedAt = ChatData.T0 });
        await app.AddAsync(new Reaction { MessageId = parent.Id, UserId = user, Emoji = "👍", CreatedAt = ChatData.T0 });
        await app.AddAsync(new PinnedMessage { MessageId = parent.Id, ChannelId = parent.ChannelId, PinnedBy = user, PinnedAt = ChatData.T0 });
        await app.AddAsync(new Bookmark { UserId = user, MessageId = parent.Id, CreatedAt = ChatData.T0 });
        await app.AddAsync(new ReadCursor { UserId = user, ChannelId = parent.ChannelId, LastReadMessageId = parent.Id, LastReadAt = ChatData.T0 });

        await app.WithDbAsync(db => db.Messages.Where(m => m.Id == parent.Id).ExecuteDeleteAsync());

        await app.WithDbAsync(async db =>
        {
            var kept = await db.Messages.SingleAsync(m => m.Id == reply.Id);
            Assert.Null(kept.ReplyToId);
            Assert.Null(kept.ThreadId);
            Assert.Empty(await db.MessageEdits.ToListAsync());
            Assert.Empty(await db.Reactions.ToListAsync());
            Assert.Empty(await db.PinnedMessages.ToListAsync());
            Assert.Empty(await db.Bookmarks.ToListAsync());
            var cursor = await db.ReadCursors.SingleAsync();
            Assert.Null(cursor.LastReadMessageId);
            Assert.Equal(ChatData.T0, cursor.LastReadAt);
        });
    }

    [Theory, BothProviders]
    public async Task An_edit_reads_back_equal_and_needs_an_existing_message(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var message = ChatData.PlainMessage();
        await app.AddAsync(message);
        var edit = new MessageEdit { MessageId = message.Id, OldCiphertext = [4, 5], OldNonce = [6], EditedAt = ChatData.T0 };
        await app.AddAsync(edit);

        var read = await app.WithDbAsync(db => db.MessageEdits.SingleAsync());

        Assert.Equivalent(edit, read, strict: true);
        await app.AssertRejectedAsync(new MessageEdit { MessageId = Guid.CreateVersion7(), EditedAt = ChatData.T0 });
    }

    [Theory, BothProviders]
    public async Task A_user_reacts_with_an_emoji_once_per_message(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var message = ChatData.PlainMessage();
        await app.AddAsync(message);
        var user = Guid.CreateVersion7();
        var reaction = new Reaction { MessageId = message.Id, UserId = user, Emoji = "🎉", CreatedAt = ChatData.T0 };
        await app.AddAsync(reaction);

        Assert.Equivalent(reaction, await app.WithDbAsync(db => db.Reactions.SingleAsync()), strict: true);
        await app.AddAsync(new Reaction { MessageId = message.Id, UserId = user, Emoji = "👍", CreatedAt = ChatData.T0 });
        await app.AddAsync(new Reaction { MessageId = message.Id, UserId = Guid.CreateVersion7(), Emoji = "🎉", CreatedAt = ChatData.T0 });
        await app.AssertRejectedAsync(new Reaction { MessageId = message.Id, UserId = user, Emoji = "🎉", CreatedAt = ChatData.T0 });
    }

    [Theory, BothProviders]
    public async Task A_message_is_pinned_at_most_once(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var message = ChatData.PlainMessage();
        await app.AddAsync(message);
        var pin = new PinnedMessage { MessageId = message.Id, ChannelId = message.ChannelId, PinnedBy = Guid.CreateVersion7(), PinnedAt = ChatData.T0 };
        await app.AddAsync(pin);

        Assert.Equivalent(pin, await app.WithDbAsync(db => db.PinnedMessages.SingleAsync()), strict: true);
        await app.AssertRejectedAsync(new PinnedMessage { MessageId = message.Id, ChannelId = message.ChannelId, PinnedBy = Guid.CreateVersion7(), PinnedAt = ChatData.T0 });
    }

    [Theory, BothProviders]
    public async Task A_user_has_one_read_cursor_per_channel(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var message = ChatData.PlainMessage();
        await app.AddAsync(message);
        var user = Guid.CreateVersion7();
        var cursor = new ReadCursor { UserId = user, ChannelId = message.ChannelId, LastReadMessageId = message.Id, LastReadAt = ChatData.T0 };
        await app.AddAsync(cursor);

        Assert.Equivalent(cursor, await app.WithDbAsync(db => db.ReadCursors.SingleAsync()), strict: true);
        await app.AddAsync(new ReadCursor { UserId = user, ChannelId = ChatData.OtherChannel, LastReadAt = ChatData.T0 });
        await app.AssertRejectedAsync(new ReadCursor { UserId = user, ChannelId = message.ChannelId, LastReadAt = ChatData.T0 });
    }
}
