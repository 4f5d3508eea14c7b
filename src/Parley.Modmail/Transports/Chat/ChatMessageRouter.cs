using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Parley.Chat.Bots;
using Parley.Chat.Communities;
using Parley.Chat.Messages;
using Parley.Core.Events;
using Parley.Modmail.Commands;
using Parley.Modmail.Desks;
using Parley.Modmail.Staff;
using Parley.Modmail.Storage;
using Parley.Modmail.Tickets;

namespace Parley.Modmail.Transports.Chat;

/// <summary>
/// Where a Chat message goes in Modmail (<see cref="ChatMessagePosted"/>, after Chat committed it):
/// <list type="bullet">
/// <item>a member's DM to a desk's bot → <see cref="MemberDms"/> (opens or continues their ticket, moves the desk's recovery cursor);</item>
/// <item>a staff message in a ticket channel starting with the desk's prefix → the command it names
/// (<see cref="TicketCommands"/>), an unknown one answered with a notice;</item>
/// <item>any other staff message in a ticket channel → a staff note (<c>kind=note</c>), never relayed;</item>
/// <item>a command in another channel of a desk's staff community → the command without a ticket.</item>
/// </list>
/// The bots' own posts are ignored, so nothing Modmail says loops back into it.
/// </summary>
internal sealed partial class ChatMessageRouter(
    ModmailDbContext db, BotMessages messages, PrivateChannels channels, MemberDms dms,
    TicketAudience audience, TicketCommands commands, TicketChannels ticketChannels, EventBus bus, TimeProvider clock, ILogger<ChatMessageRouter> logger)
    : IEventHandler<ChatMessagePosted>
{
    public async Task HandleAsync(ChatMessagePosted e, CancellationToken cancellationToken)
    {
        if (await db.Desks.AnyAsync(d => d.BotUserId == e.SenderId, cancellationToken))
        {
            return;
        }
        var message = await messages.ReadAsync(e.MessageId, cancellationToken);
        if (message is null || (message.Content is null && message.Attachments.Count == 0))
        {
            return;
        }
        if (message.DmPartnerId is { } partner)
        {
            await FromMemberAsync(message, partner, cancellationToken);
            return;
        }
        var channelId = e.ChannelId.ToString();
        var ticket = await db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.ChannelId == channelId, cancellationToken);
        if (ticket is not null)
        {
            await InTicketChannelAsync(ticket, message, cancellationToken);
        }
        else
        {
            await InStaffChannelAsync(message, cancellationToken);
        }
    }

    private async Task FromMemberAsync(ChatMessageInfo message, Guid botId, CancellationToken cancellationToken)
    {
        var desk = await db.Desks.AsNoTracking().FirstOrDefaultAsync(d => d.BotUserId == botId, cancellationToken);
        if (desk is not null)
        {
            await dms.HandleAsync(desk, message, cancellationToken);
        }
    }

    private async Task InTicketChannelAsync(Ticket ticket, ChatMessageInfo message, CancellationToken cancellationToken)
    {
        var desk = await db.Desks.AsNoTracking().FirstAsync(d => d.Id == ticket.DeskId, cancellationToken);
        var actor = await audience.ActorAsync(desk, message.SenderId, cancellationToken);
        if (actor is null)
        {
            return;
        }
        var content = message.Content ?? "";
        if (content.StartsWith(desk.Prefix, StringComparison.Ordinal))
        {
            await RunAsync(desk, ticket, actor, message, content, answerUnknown: true, cancellationToken);
            return;
        }
        if (ticket.Status != TicketStatus.Open)
        {
            return;
        }
        // Staff talking among themselves: kept in the transcript, never sent to the member.
        var note = new TicketMessage
        {
            ThreadId = ticket.Id,
            UserId = actor.UserId.ToString(),
            UserName = actor.Name,
            AuthorRole = actor.Role,
            InboxMessageId = message.Id.ToString(),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            Content = content,
            Kind = TicketMessageKinds.Note,
            Attachments = TicketMessageViews.AttachmentsJson(message.TicketAttachments()),
        };
        db.TicketMessages.Add(note);
        await db.SaveChangesAsync(cancellationToken);
        await bus.PublishAsync(new TicketMessageRecorded(ticket.Id, ticket.DeskId, note.Id, note.Kind), cancellationToken);
    }

    private async Task InStaffChannelAsync(ChatMessageInfo message, CancellationToken cancellationToken)
    {
        var content = message.Content ?? "";
        if (content.Length < 2 || await channels.CommunityOfAsync(message.ChannelId, cancellationToken) is not { } communityId)
        {
            return;
        }
        var desks = await db.Desks.AsNoTracking().Where(d => d.StaffCommunityId == communityId).ToListAsync(cancellationToken);
        foreach (var desk in desks.Where(d => content.StartsWith(d.Prefix, StringComparison.Ordinal)))
        {
            if (await audience.ActorAsync(desk, message.SenderId, cancellationToken) is { } actor)
            {
                // Outside ticket channels the prefix may be another bot's: only known commands are answered.
                await RunAsync(desk, null, actor, message, content, answerUnknown: false, cancellationToken);
                return;
            }
        }
    }

    private async Task RunAsync(SupportDesk desk, Ticket? ticket, StaffActor actor, ChatMessageInfo message, string content, bool answerUnknown, CancellationToken cancellationToken)
    {
        var text = content[desk.Prefix.Length..].TrimStart();
        var split = text.IndexOfAny([' ', '\n', '\t']);
        var name = split < 0 ? text : text[..split];
        var arguments = split < 0 ? "" : text[(split + 1)..].Trim();
        var command = name.Length == 0 ? null : commands.Find(name);
        if (command is null)
        {
            if (answerUnknown)
            {
                await ticketChannels.PostNoticeAsync(desk.Id, message.ChannelId, $"⚠ Unknown command `{desk.Prefix}{name}`. `{desk.Prefix}help` lists them.", cancellationToken);
            }
            return;
        }
        var attachments = message.TicketAttachments();
        var context = new CommandContext(desk, ticket, actor, command.Names[0], arguments, attachments, message.ChannelId, message.Id);
        try
        {
            await command.RunAsync(context, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogCommandFailed(logger, ex, command.Names[0]);
            await ticketChannels.PostNoticeAsync(desk.Id, message.ChannelId, $"⚠ `{desk.Prefix}{command.Names[0]}` failed; the error is in the server log.", cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Modmail: the command {Command} failed")]
    private static partial void LogCommandFailed(ILogger logger, Exception ex, string command);
}
