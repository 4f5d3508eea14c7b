using Microsoft.Extensions.DependencyInjection;
using Parley.Modmail.Staff;
using Parley.Modmail.Tickets;
using Parley.Tests.Infrastructure;

namespace Parley.Modmail.Tests.Tickets;

/// <summary>What <see cref="StaffReplies"/> refuses, whoever calls it (commands, the panel, the API), and that a refusal stores nothing.</summary>
public sealed class StaffRepliesTests
{
    [Theory, BothProviders]
    public async Task Empty_or_too_long_replies_others_replies_and_closed_tickets_are_refused_and_nothing_is_numbered(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, new Dictionary<string, string?> { ["Modmail:MaxMessageLength"] = "20" });
        var room = await SupportRoom.CreateAsync(app);
        await room.BobsDmAsync();
        await room.BobWritesAsync("hello");
        var ticket = (await room.TicketAsync())!;
        var carol = new StaffActor(room.Carol.Id, "carol", "Moderator");
        var dave = new StaffActor(room.Dave.Id, "dave", "Moderator");
        var bob = new StaffActor(room.Bob.Id, "bob", "Member");

        await using var scope = app.CreateScope();
        var replies = scope.ServiceProvider.GetRequiredService<StaffReplies>();
        Assert.Equal("validation_failed", (await replies.ReplyAsync(ticket.Id, carol, "   ", false, [], CancellationToken.None)).Refusal!.Code);
        Assert.Equal("validation_failed", (await replies.ReplyAsync(ticket.Id, carol, new string('x', 21), false, [], CancellationToken.None)).Refusal!.Code);
        // A member is no staff: the ticket does not exist for them.
        Assert.Equal("ticket_not_found", (await replies.ReplyAsync(ticket.Id, bob, "hi", false, [], CancellationToken.None)).Refusal!.Code);
        Assert.Equal("ticket_not_found", (await replies.ReplyAsync(Guid.NewGuid(), carol, "hi", false, [], CancellationToken.None)).Refusal!.Code);

        var (sent, refusal) = await replies.ReplyAsync(ticket.Id, carol, "hi bob", false, [], CancellationToken.None);
        Assert.Null(refusal);
        Assert.Equal(1, sent!.MessageNumber);
        Assert.Equal("not_message_author", (await replies.EditAsync(ticket.Id, dave, 1, "changed", CancellationToken.None)).Refusal!.Code);
        Assert.Equal("not_message_author", (await replies.DeleteAsync(ticket.Id, dave, 1, CancellationToken.None))!.Code);
        Assert.Equal("message_not_found", (await replies.EditAsync(ticket.Id, carol, 2, "changed", CancellationToken.None)).Refusal!.Code);

        await app.PostAsync(System.Guid.Parse(ticket.ChannelId!), room.Carol, "!close -s");
        await using (var later = app.CreateScope())
        {
            var (_, closed) = await later.ServiceProvider.GetRequiredService<StaffReplies>().ReplyAsync(ticket.Id, carol, "late", false, [], CancellationToken.None);
            Assert.Equal("ticket_closed", closed!.Code);
        }

        var stored = await room.MessagesAsync(ticket.Id);
        var reply = Assert.Single(stored, m => m.Kind == TicketMessageKinds.Staff);
        Assert.Equal("hi bob", reply.Content);
        Assert.Null(reply.EditedAt);
        Assert.Null(reply.DeletedAt);
    }
}
