using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Parley.Modmail.Staff;
using Parley.Modmail.Tickets;
using Parley.Tests.Infrastructure;

namespace Parley.Modmail.Tests.Email;

/// <summary>
/// The email flow end to end, through the ticket engine: swaks opens a ticket, the staff reply reaches the
/// member's server threaded.
/// </summary>
public sealed class EmailTicketFlowTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Theory, BothProviders]
    public async Task An_email_opens_a_ticket_and_the_staff_reply_reaches_the_member_with_threading_headers(string provider)
    {
        await using var kit = await EmailDeskKit.StartAsync(provider);

        var sent = await Swaks.SendAsync(kit.SmtpPort,
            "--from", "ann@member.test", "--to", EmailDeskKit.InboxAddress,
            "--header", "From: Ann Member <ann@member.test>", "--header", "Subject: Broken login",
            "--header", "Message-Id: <login-1@member.test>", "--body", "I cannot sign in.");
        Assert.True(sent.ExitCode == 0, sent.Output);

        await Eventually.Until(() => kit.ModmailAsync(db => db.Tickets.AnyAsync(t => t.Transport == TransportNames.Email)), Patience, "a ticket opens");
        var ticket = await kit.ModmailAsync(db => db.Tickets.AsNoTracking().SingleAsync());
        Assert.Equal((kit.DeskId, "ann@member.test", "Ann Member", TicketStatus.Open), (ticket.DeskId, ticket.UserId, ticket.UserName, ticket.Status));
        Assert.NotNull(ticket.MemberConversationId);
        var member = await kit.ModmailAsync(db => db.TicketMessages.AsNoTracking().SingleAsync(m => m.ThreadId == ticket.Id && m.Kind == TicketMessageKinds.Member));
        Assert.Equal(("login-1@member.test", "I cannot sign in."), (member.DmMessageId, member.Content));

        await using var scope = kit.App.CreateScope();
        var (reply, refusal) = await scope.ServiceProvider.GetRequiredService<StaffReplies>()
            .ReplyAsync(ticket.Id, new StaffActor(kit.Olive.Id, "Olive", "Owner"), "Try resetting your password.", anonymous: false, [], CancellationToken.None);
        Assert.Null(refusal);
        Assert.Equal(1, reply!.MessageNumber);

        // The welcome notice and the reply reach the member's server; the reply is threaded on the member's email.
        await Eventually.Until(() => kit.Sink.Messages().Any(m => m.TextBody?.Contains("Try resetting", StringComparison.Ordinal) == true), Patience, "the reply arrives");
        var mail = kit.Sink.Messages().Single(m => m.TextBody!.Contains("Try resetting", StringComparison.Ordinal));
        Assert.Equal("login-1@member.test", mail.InReplyTo);
        Assert.Equal(["login-1@member.test"], mail.References);
        Assert.Equal("Re: Broken login", mail.Subject);
        Assert.Equal("Olive via Crabs Support", mail.From.Mailboxes.Single().Name);
        Assert.EndsWith("Crabs Support · message #1", mail.TextBody!.TrimEnd(), StringComparison.Ordinal);
        Assert.Equal(mail.MessageId, (await kit.ModmailAsync(db => db.TicketMessages.AsNoTracking().SingleAsync(m => m.Id == reply.Id))).DmMessageId);
    }
}
