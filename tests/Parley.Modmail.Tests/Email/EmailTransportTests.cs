using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Parley.Mail.Messages;
using Parley.Modmail.Tickets;
using Parley.Modmail.Transports;
using Parley.Modmail.Transports.Email;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Modmail.Tests.Email;

/// <summary>
/// Email tickets through real SMTP: swaks writes to the support inbox on Parley's own SMTP server; replies leave through
/// Mail's sending path to an aiosmtpd relay. The ticket engine (ENGINE's MemberMessages) is not part of this branch, so
/// the tests check what the email side hands it and what it sends for a ticket shaped as the engine records it.
/// </summary>
public sealed class EmailTransportTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Theory, BothProviders]
    public async Task An_email_to_the_support_inbox_becomes_a_member_message_and_the_staff_reply_reaches_the_member_in_the_same_thread(string provider)
    {
        await using var kit = await EmailDeskKit.StartAsync(provider);

        var sent = await Swaks.SendAsync(kit.SmtpPort,
            "--from", "Ann.Member@Member.test", "--to", EmailDeskKit.InboxAddress,
            "--header", "From: Ann Member <Ann.Member@Member.test>", "--header", "Subject: My order never came",
            "--header", "Message-Id: <order-1@member.test>",
            "--body", "Hello,\nwhere is my order #42?\n\nOn Monday, Shop wrote:\n> Your order is on its way\n");
        Assert.True(sent.ExitCode == 0, sent.Output);

        await Eventually.Until(async () => (await kit.IntakeJobsAsync()).Count == 1, Patience, "an intake job for the support inbox's mail");
        var job = Assert.Single(await kit.IntakeJobsAsync());
        Assert.Equal((kit.InboxId, "order-1@member.test"), job);

        await using var scope = kit.App.CreateScope();
        var services = scope.ServiceProvider;
        var stored = await services.GetRequiredService<MessageReader>().FindAsync("order-1@member.test", CancellationToken.None);
        Assert.NotNull(stored);
        var incoming = await services.GetRequiredService<EmailIntakeJob>().MemberMessageAsync(new EmailIntakeJob.Payload(job.InboxId, job.MessageId), CancellationToken.None);
        Assert.NotNull(incoming);
        Assert.Equal(kit.DeskId, incoming.DeskId);
        Assert.Equal(TransportNames.Email, incoming.Transport);
        Assert.Equal("ann.member@member.test", incoming.MemberId);
        Assert.Equal("Ann Member", incoming.MemberName);
        Assert.Equal(stored.ThreadId.ToString(), incoming.MemberConversationId);
        Assert.Equal("order-1@member.test", incoming.MemberMessageId);
        Assert.Equal("Hello,\nwhere is my order #42?", incoming.Content);
        Assert.Empty(incoming.Attachments);

        // The engine opens the ticket (the member, the Mail thread, the member's message) and welcomes the member.
        await Eventually.Until(() => kit.ModmailAsync(db => db.Tickets.AnyAsync(t => t.UserId == incoming.MemberId)), Patience, "the engine opens the ticket");
        var ticket = await kit.ModmailAsync(db => db.Tickets.Where(t => t.UserId == incoming.MemberId).Select(t => t.Id).SingleAsync());
        await Eventually.Until(() => kit.Sink.Received().Count == 1, Patience, "the relay receives the welcome notice");
        var welcome = kit.Sink.Messages()[0];
        Assert.Equal("order-1@member.test", welcome.InReplyTo);
        Assert.Equal("auto-generated", welcome.Headers["Auto-Submitted"]);
        var transport = services.GetServices<IMemberTransport>().Single(t => t.Name == TransportNames.Email);
        var reference = new TicketRef(ticket, kit.DeskId, incoming.MemberId, incoming.MemberName, incoming.MemberConversationId);

        var named = await transport.DeliverAsync(new MemberDelivery(reference, "It left our warehouse today.", "Alice", "Moderator", 1, [], MemberDeliveryKind.Reply), CancellationToken.None);
        Assert.NotNull(named);
        await Eventually.Until(() => kit.Sink.Received().Count == 2, Patience, "the relay receives the named reply");
        var reply = kit.Sink.Messages()[1];
        Assert.Equal(named, reply.MessageId);
        Assert.Equal("ann.member@member.test", reply.To.Mailboxes.Single().Address);
        Assert.Equal("Alice via Crabs Support", reply.From.Mailboxes.Single().Name);
        Assert.Equal(EmailDeskKit.InboxAddress, reply.From.Mailboxes.Single().Address);
        Assert.Equal("Re: My order never came", reply.Subject);
        Assert.Equal("order-1@member.test", reply.InReplyTo);
        Assert.Equal(["order-1@member.test"], reply.References);
        Assert.Contains("It left our warehouse today.", reply.TextBody, StringComparison.Ordinal);
        Assert.Contains("— Alice (Moderator)", reply.TextBody, StringComparison.Ordinal);
        Assert.EndsWith("Crabs Support · message #1", reply.TextBody!.TrimEnd(), StringComparison.Ordinal);
        Assert.Equal(ticket.ToString(), reply.Headers[InboundEmail.TicketHeader]);
        // Stored by Mail in the member's thread.
        Assert.Equal(stored.ThreadId, (await services.GetRequiredService<MessageReader>().FindAsync(named, CancellationToken.None))!.ThreadId);

        // The member answers the reply; the anonymous answer to that carries the whole chain.
        var second = await Swaks.SendAsync(kit.SmtpPort,
            "--from", "ann.member@member.test", "--to", EmailDeskKit.InboxAddress,
            "--header", "Subject: Re: My order never came", "--header", "Message-Id: <order-2@member.test>",
            "--header", $"In-Reply-To: <{named}>", "--header", $"References: <order-1@member.test> <{named}>",
            "--body", "Thanks! Which carrier?");
        Assert.True(second.ExitCode == 0, second.Output);
        await Eventually.Until(async () => (await kit.IntakeJobsAsync()).Count == 2, Patience, "the second email's intake job");
        var followUp = await services.GetRequiredService<EmailIntakeJob>().MemberMessageAsync(new EmailIntakeJob.Payload(kit.InboxId, "order-2@member.test"), CancellationToken.None);
        Assert.Equal(incoming.MemberConversationId, followUp!.MemberConversationId);
        await Eventually.Until(async () => await kit.ModmailAsync(db => db.TicketMessages.CountAsync(m => m.ThreadId == ticket && m.Kind == TicketMessageKinds.Member)) == 2, Patience, "the engine records the follow-up");

        var anonymous = await transport.DeliverAsync(new MemberDelivery(reference, "DHL.", null, null, 2, [], MemberDeliveryKind.Reply), CancellationToken.None);
        await Eventually.Until(() => kit.Sink.Received().Count == 3, Patience, "the relay receives the anonymous reply");
        var anon = kit.Sink.Messages()[2];
        Assert.Equal(anonymous, anon.MessageId);
        Assert.Equal("Crabs Support", anon.From.Mailboxes.Single().Name);
        Assert.Equal("order-2@member.test", anon.InReplyTo);
        Assert.Equal(["order-1@member.test", named, "order-2@member.test"], anon.References);
        Assert.DoesNotContain("—", anon.TextBody, StringComparison.Ordinal);
        Assert.EndsWith("Crabs Support · message #2", anon.TextBody!.TrimEnd(), StringComparison.Ordinal);

        // Email cannot be edited or withdrawn: an edit is a correction email, a withdrawal sends nothing.
        await transport.EditAsync(new MemberDelivery(reference, "DHL Express.", null, null, 2, [], MemberDeliveryKind.Reply), anonymous!, CancellationToken.None);
        await Eventually.Until(() => kit.Sink.Received().Count == 4, Patience, "the relay receives the correction");
        var correction = kit.Sink.Messages()[3];
        Assert.StartsWith("Correction to message #2:", correction.TextBody, StringComparison.Ordinal);
        Assert.Contains("DHL Express.", correction.TextBody, StringComparison.Ordinal);
        Assert.False(await transport.WithdrawAsync(reference, anonymous!, CancellationToken.None));

        // The closing notice: from the display name, marked automatic, the desk's message when none is given.
        await transport.DeliverAsync(new MemberDelivery(reference, "", null, null, null, [], MemberDeliveryKind.Closing), CancellationToken.None);
        await Eventually.Until(() => kit.Sink.Received().Count == 5, Patience, "the relay receives the closing notice");
        var closing = kit.Sink.Messages()[4];
        Assert.Contains("This ticket has been closed.", closing.TextBody, StringComparison.Ordinal);
        Assert.Equal("auto-generated", closing.Headers["Auto-Submitted"]);
        Assert.DoesNotContain("message #", closing.TextBody, StringComparison.Ordinal);
    }

    [Theory, BothProviders]
    public async Task Automatic_mail_bounces_and_mail_to_other_inboxes_are_not_member_messages(string provider)
    {
        await using var kit = await EmailDeskKit.StartAsync(provider);

        Assert.Equal(0, (await Swaks.SendAsync(kit.SmtpPort, "--from", "bob@member.test", "--to", "sales@support.test",
            "--header", "Message-Id: <sales-1@member.test>", "--body", "A question for sales")).ExitCode);
        Assert.Equal(0, (await Swaks.SendAsync(kit.SmtpPort, "--from", "bob@member.test", "--to", EmailDeskKit.InboxAddress,
            "--header", "Message-Id: <away-1@member.test>", "--header", "Auto-Submitted: auto-replied", "--body", "I am on holiday")).ExitCode);
        Assert.Equal(0, (await Swaks.SendAsync(kit.SmtpPort, "--from", "<>", "--to", EmailDeskKit.InboxAddress,
            "--header", "From: Mail Delivery System <postmaster@member.test>", "--header", "Message-Id: <bounce-1@member.test>", "--body", "Undeliverable")).ExitCode);
        Assert.Equal(0, (await Swaks.SendAsync(kit.SmtpPort, "--from", "bob@member.test", "--to", EmailDeskKit.InboxAddress,
            "--header", "Message-Id: <real-1@member.test>", "--body", "A real question")).ExitCode);

        // Only the support inbox's mail is taken in; the automatic ones stop at the intake.
        await Eventually.Until(async () => (await kit.IntakeJobsAsync()).Count == 3, Patience, "three intake jobs");
        var jobs = await kit.IntakeJobsAsync();
        Assert.DoesNotContain(jobs, j => j.MessageId == "sales-1@member.test");
        await using var scope = kit.App.CreateScope();
        var intake = scope.ServiceProvider.GetRequiredService<EmailIntakeJob>();
        var taken = new List<string>();
        foreach (var (inboxId, messageId) in jobs)
        {
            if (await intake.MemberMessageAsync(new EmailIntakeJob.Payload(inboxId, messageId), CancellationToken.None) is { } message)
            {
                taken.Add(message.MemberMessageId);
            }
        }
        Assert.Equal(["real-1@member.test"], taken);

        // An inbox that is no longer a support inbox takes nothing in.
        await kit.App.OkAsync(HttpMethod.Delete, $"/api/modmail/desks/{kit.DeskId}/support-inboxes/{kit.InboxId}", kit.Olive);
        Assert.Null(await intake.MemberMessageAsync(new EmailIntakeJob.Payload(kit.InboxId, "real-1@member.test"), CancellationToken.None));
    }

    [Theory, BothProviders]
    public async Task Support_inboxes_are_managed_by_holders_of_edit_config_and_must_exist_in_Mail(string provider)
    {
        await using var kit = await EmailDeskKit.StartAsync(provider);
        var app = kit.App;
        var path = $"/api/modmail/desks/{kit.DeskId}/support-inboxes";

        var list = await app.OkJsonAsync(HttpMethod.Get, path, kit.Olive);
        var only = Assert.Single(list.EnumerateArray());
        Assert.Equal(kit.InboxId, only.GetProperty("inbox_id").GetGuid());
        Assert.Equal(EmailDeskKit.InboxAddress, only.Str("address"));
        Assert.Equal("Help Desk", only.Str("inbox_name"));
        Assert.Equal("Crabs Support", only.Str("display_name"));
        Assert.True(only.GetProperty("enabled").GetBoolean());

        // A moderator without the permission is refused; granted edit_config for the role, allowed.
        var mod = await app.UserAsync("mod");
        await app.JoinAsync(kit.CommunityId, kit.Olive, mod);
        await app.SetRoleAsync(kit.CommunityId, kit.Olive, mod, "moderator");
        await app.RefusedAsync(HttpStatusCode.Forbidden, "panel_permission_required", HttpMethod.Get, path, mod);
        await app.RefusedAsync(HttpStatusCode.Forbidden, "panel_permission_required", HttpMethod.Put, $"{path}/{kit.OtherInboxId}", mod, new { });
        await app.RefusedAsync(HttpStatusCode.Forbidden, "panel_permission_required", HttpMethod.Delete, $"{path}/{kit.InboxId}", mod);
        await kit.ModmailAsync(async db =>
        {
            db.PanelPermissions.Add(new Parley.Modmail.Panel.PanelPermission { SubjectType = "role", SubjectId = "moderator", Permission = Parley.Modmail.Panel.PanelPermissions.EditConfig, GrantedBy = "test" });
            return await db.SaveChangesAsync();
        });
        using (var created = await app.SendAsync(HttpMethod.Put, $"{path}/{kit.OtherInboxId}", mod.Token, new { enabled = false }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var view = await created.JsonAsync();
            Assert.False(view.GetProperty("enabled").GetBoolean());
            Assert.Equal(System.Text.Json.JsonValueKind.Null, view.GetProperty("display_name").ValueKind);
        }
        var updated = await app.OkJsonAsync(HttpMethod.Put, $"{path}/{kit.OtherInboxId}", mod, new { display_name = "Sales Team" });
        Assert.Equal("Sales Team", updated.Str("display_name"));
        Assert.False(updated.GetProperty("enabled").GetBoolean());

        // Bad input and unknown things; nothing stored by a refusal.
        await app.RefusedAsync(HttpStatusCode.NotFound, "inbox_not_found", HttpMethod.Put, $"{path}/{Guid.NewGuid()}", mod, new { });
        await app.RefusedAsync(HttpStatusCode.BadRequest, "validation_failed", HttpMethod.Put, $"{path}/{kit.InboxId}", mod, new { display_name = "two\nlines" });
        await app.RefusedAsync(HttpStatusCode.NotFound, "desk_not_found", HttpMethod.Get, $"/api/modmail/desks/{Guid.NewGuid()}/support-inboxes", mod);
        var otherDesk = await kit.AddDeskAsync(await app.CommunityAsync(kit.Olive, "Lobsters"));
        await app.RefusedAsync(HttpStatusCode.Conflict, "inbox_in_use", HttpMethod.Put, $"/api/modmail/desks/{otherDesk}/support-inboxes/{kit.InboxId}", kit.Olive, new { });
        Assert.Equal("Crabs Support", (await kit.ModmailAsync(db => db.SupportInboxes.AsNoTracking().SingleAsync(i => i.InboxId == kit.InboxId))).DisplayName);

        await app.OkAsync(HttpMethod.Delete, $"{path}/{kit.OtherInboxId}", mod);
        await app.RefusedAsync(HttpStatusCode.NotFound, "support_inbox_not_found", HttpMethod.Delete, $"{path}/{kit.OtherInboxId}", mod);
        Assert.Single((await app.OkJsonAsync(HttpMethod.Get, path, mod)).EnumerateArray());
    }
}
