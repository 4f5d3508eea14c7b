using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Modmail.Staff;
using Parley.Chat.Bots;
using Parley.Modmail.Storage;
using Parley.Modmail.Tickets;

namespace Parley.Modmail.Transports.Chat;

/// <summary>
/// The Chat transport: the member is reached in their DM with the desk's bot. Named replies carry the staff member's
/// name and role, anonymous ones the desk's anonymous name; numbered replies show their number in a footer line.
/// Edits and withdrawals change the bot's DM message through Chat, so the member's client sees them live. A reply's files
/// go as Chat files of the DM (the member, and only they and the bot, may download them).
/// </summary>
internal sealed class ChatTransport(
    ModmailDbContext db, ChatBots bots, BotMessages messages, TicketChannels channels, IOptionsMonitor<ModmailOptions> options) : IMemberTransport
{
    public string Name => TransportNames.Chat;

    public async Task<string?> DeliverAsync(MemberDelivery delivery, CancellationToken cancellationToken)
    {
        var desk = await db.Desks.AsNoTracking().FirstOrDefaultAsync(d => d.Id == delivery.Ticket.DeskId, cancellationToken);
        if (desk is null || await ConversationAsync(delivery.Ticket, desk.BotUserId, cancellationToken) is not { } channelId)
        {
            return null;
        }
        var (relayed, tooMany) = RelayedFiles.Split(delivery.Attachments, options.CurrentValue);
        var posted = await messages.PostAsync(desk.BotUserId, channelId, Format(delivery, desk.AnonymousName, messages.MaxContentLength),
            relayed.Select(RelayedFiles.ToBotFile).ToList(), cancellationToken);
        if (posted.MessageId is not null && RelayedFiles.Describe(posted.FilesNotPosted, tooMany) is { } notSent)
        {
            await TellStaffAsync(delivery.Ticket, $"⚠ Not sent to the member: {notSent}.", cancellationToken);
        }
        return posted.MessageId?.ToString();
    }

    public async Task EditAsync(MemberDelivery delivery, string memberMessageId, CancellationToken cancellationToken)
    {
        var desk = await db.Desks.AsNoTracking().FirstOrDefaultAsync(d => d.Id == delivery.Ticket.DeskId, cancellationToken);
        if (desk is not null && Guid.TryParse(memberMessageId, out var id))
        {
            await messages.EditAsync(desk.BotUserId, id, Format(delivery, desk.AnonymousName, messages.MaxContentLength), cancellationToken);
        }
    }

    public async Task<bool> WithdrawAsync(TicketRef ticket, string memberMessageId, CancellationToken cancellationToken)
    {
        var botId = await db.Desks.AsNoTracking().Where(d => d.Id == ticket.DeskId).Select(d => (Guid?)d.BotUserId).FirstOrDefaultAsync(cancellationToken);
        return botId is { } bot && Guid.TryParse(memberMessageId, out var id) && await messages.DeleteAsync(bot, id, cancellationToken);
    }

    /// <summary>Files the member could not be sent are named in the ticket channel (the rest went).</summary>
    private async Task TellStaffAsync(TicketRef reference, string notice, CancellationToken cancellationToken)
    {
        var ticket = await db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.Id == reference.TicketId, cancellationToken);
        if (ticket is not null)
        {
            await channels.PostNoticeAsync(ticket, notice, [], cancellationToken);
        }
    }

    /// <summary>The ticket's DM, or the member's DM with the bot opened now (a ticket staff opened with <c>new_thread</c>).</summary>
    private async Task<Guid?> ConversationAsync(TicketRef ticket, Guid botId, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(ticket.MemberConversationId, out var channelId))
        {
            return channelId;
        }
        return Guid.TryParse(ticket.MemberId, out var memberId) ? await bots.OpenDmAsync(memberId, botId, cancellationToken) : null;
    }

    /// <summary>What the member reads: the signature line for replies, the text, the files, the number.</summary>
    internal static string Format(MemberDelivery delivery, string anonymousName, int maxLength)
    {
        var text = new StringBuilder();
        if (delivery.Kind == MemberDeliveryKind.Reply)
        {
            text.Append("**").Append(delivery.AuthorName ?? anonymousName).Append("**");
            if (delivery.AuthorName is not null && delivery.AuthorRole is { } role)
            {
                text.Append(" (").Append(role).Append(')');
            }
            text.Append('\n');
        }
        text.Append(delivery.Content);
        foreach (var file in delivery.Attachments)
        {
            text.Append("\n📎 ").Append(file.FileName);
        }
        if (delivery.MessageNumber is { } number)
        {
            text.Append("\n— #").Append(number);
        }
        var result = text.ToString();
        return result.Length <= maxLength ? result : result[..(maxLength - 1)] + "…";
    }
}
