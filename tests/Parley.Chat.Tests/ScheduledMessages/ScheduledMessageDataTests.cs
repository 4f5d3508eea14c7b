using Microsoft.EntityFrameworkCore;
using Parley.Chat.ScheduledMessages;
using Parley.Tests.Infrastructure;

namespace Parley.Chat.Tests.ScheduledMessages;

public sealed class ScheduledMessageDataTests
{
    [Theory, BothProviders]
    public async Task A_scheduled_message_with_every_column_set_reads_back_equal(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var scheduled = new ScheduledMessage
        {
            ChannelId = ChatData.Channel,
            UserId = Guid.CreateVersion7(),
            Ciphertext = "c2VhbGVk",
            Nonce = "bm9uY2U=",
            ScheduledFor = ChatData.T0.AddDays(2),
            CreatedAt = ChatData.T0,
        };
        await app.AddAsync(scheduled);

        Assert.Equivalent(scheduled, await app.WithDbAsync(db => db.ScheduledMessages.SingleAsync()), strict: true);
    }

    [Theory, BothProviders]
    public async Task Due_scheduled_messages_are_found_by_time(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var due = new ScheduledMessage { ChannelId = ChatData.Channel, UserId = Guid.CreateVersion7(), Ciphertext = "a", Nonce = "b", ScheduledFor = ChatData.T0, CreatedAt = ChatData.T0 };
        var later = new ScheduledMessage { ChannelId = ChatData.Channel, UserId = Guid.CreateVersion7(), Ciphertext = "a", Nonce = "b", ScheduledFor = ChatData.T0.AddHours(1), CreatedAt = ChatData.T0 };
        await app.AddAsync(due, later);

        var found = await app.WithDbAsync(db => db.ScheduledMessages.Where(s => s.ScheduledFor <= ChatData.T0.AddMinutes(1)).Select(s => s.Id).ToListAsync());

        Assert.Equal([due.Id], found);
    }
}
