using Microsoft.EntityFrameworkCore;
using Parley.Chat.Bookmarks;
using Parley.Tests.Infrastructure;

namespace Parley.Chat.Tests.Bookmarks;

public sealed class BookmarkDataTests
{
    [Theory, BothProviders]
    public async Task A_user_bookmarks_a_message_once(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var message = ChatData.PlainMessage();
        await app.AddAsync(message);
        var user = Guid.CreateVersion7();
        var bookmark = new Bookmark { UserId = user, MessageId = message.Id, Note = "read later", CreatedAt = ChatData.T0 };
        await app.AddAsync(bookmark);

        Assert.Equivalent(bookmark, await app.WithDbAsync(db => db.Bookmarks.SingleAsync()), strict: true);
        await app.AddAsync(new Bookmark { UserId = Guid.CreateVersion7(), MessageId = message.Id, CreatedAt = ChatData.T0 });
        await app.AssertRejectedAsync(new Bookmark { UserId = user, MessageId = message.Id, CreatedAt = ChatData.T0 });
        await app.AssertRejectedAsync(new Bookmark { UserId = user, MessageId = Guid.CreateVersion7(), CreatedAt = ChatData.T0 });
    }
}
