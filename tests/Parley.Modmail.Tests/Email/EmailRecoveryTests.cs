using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Modmail.Tests.Tickets;
using Parley.Modmail.Tickets;
using Parley.Modmail.Transports.Email;
using Parley.Tests.Infrastructure;

namespace Parley.Modmail.Tests.Email;

/// <summary>
/// Recovery without gaps over email: a mail Mail accepted while Modmail's <c>EmailReceived</c> handling failed (no
/// intake job queued) is found past the support inbox's cursor by <c>recover</c> and opens its ticket, once.
/// </summary>
public sealed class EmailRecoveryTests
{
    [Theory, BothProviders]
    public async Task A_mail_whose_EmailReceived_handling_failed_is_relayed_by_recover_exactly_once(string provider)
    {
        var fault = new InjectedFault();
        await using var kit = await EmailDeskKit.StartAsync(provider, b => b.Services.AddScoped(fault.Or<EmailReceivedHandler>));

        fault.On = true;
        var sent = await Swaks.SendAsync(kit.SmtpPort,
            "--from", "ann@member.test", "--to", EmailDeskKit.InboxAddress,
            "--header", "From: Ann Member <ann@member.test>", "--header", "Subject: Lost in the gap",
            "--header", "Message-Id: <gap-1@member.test>", "--body", "Did anyone get this?");
        Assert.True(sent.ExitCode == 0, sent.Output);
        fault.On = false;
        // Mail answered 250 after its handlers ran: Modmail queued nothing and opened nothing.
        Assert.Empty(await kit.IntakeJobsAsync());
        Assert.False(await kit.ModmailAsync(db => db.Tickets.AnyAsync()));

        Assert.Equal(1, await RecoverAsync(kit));
        var ticket = await kit.ModmailAsync(db => db.Tickets.AsNoTracking().SingleAsync());
        Assert.Equal(("ann@member.test", TransportNames.Email), (ticket.UserId, ticket.Transport));
        var member = await kit.ModmailAsync(db => db.TicketMessages.AsNoTracking().SingleAsync(m => m.ThreadId == ticket.Id && m.Kind == TicketMessageKinds.Member));
        Assert.Equal(("gap-1@member.test", "Did anyone get this?"), (member.DmMessageId, member.Content));
        Assert.NotNull(member.InboxMessageId);

        // A second run, and a mail handled the normal way meanwhile: nothing relayed twice.
        Assert.Equal(0, await RecoverAsync(kit));
        sent = await Swaks.SendAsync(kit.SmtpPort,
            "--from", "ann@member.test", "--to", EmailDeskKit.InboxAddress,
            "--header", "From: Ann Member <ann@member.test>", "--header", "Subject: Re: Lost in the gap",
            "--header", "Message-Id: <gap-2@member.test>", "--header", "In-Reply-To: <gap-1@member.test>", "--body", "Hello?");
        Assert.True(sent.ExitCode == 0, sent.Output);
        await Eventually.Until(() => kit.ModmailAsync(db => db.TicketMessages.AnyAsync(m => m.DmMessageId == "gap-2@member.test")), TimeSpan.FromSeconds(20), "the second mail is relayed");
        Assert.Equal(0, await RecoverAsync(kit));
        Assert.Equal(2, await kit.ModmailAsync(db => db.TicketMessages.CountAsync(m => m.ThreadId == ticket.Id && m.Kind == TicketMessageKinds.Member)));
        var cursor = await kit.ModmailAsync(db => db.SupportInboxes.AsNoTracking().SingleAsync(i => i.InboxId == kit.InboxId));
        Assert.Equal("gap-2@member.test", cursor.MailCursorMessageId);
    }

    private static async Task<int> RecoverAsync(EmailDeskKit kit)
    {
        await using var scope = kit.App.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<MessageRecovery>().RunAsync(kit.DeskId, CancellationToken.None)).Recovered;
    }
}
