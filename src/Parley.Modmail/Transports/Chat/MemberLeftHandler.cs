using Microsoft.EntityFrameworkCore;
using Parley.Chat.Communities;
using Parley.Core.Events;
using Parley.Modmail.Staff;
using Parley.Modmail.Storage;
using Parley.Modmail.Tickets;

namespace Parley.Modmail.Transports.Chat;

/// <summary>
/// A member left (or was kicked or banned from) a community a desk serves: their open Chat tickets there are marked
/// <c>user_left</c> and staff are told in the ticket channel (such a ticket closes with <c>force_close</c>).
/// </summary>
internal sealed class MemberLeftHandler(ModmailDbContext db, TicketChannels channels, TimeProvider clock) : IEventHandler<ChatMemberLeft>
{
    public async Task HandleAsync(ChatMemberLeft e, CancellationToken cancellationToken)
    {
        var deskIds = await db.Desks.AsNoTracking().Where(d => d.CommunityId == e.CommunityId).Select(d => d.Id).ToListAsync(cancellationToken);
        if (deskIds.Count == 0)
        {
            return;
        }
        var memberId = e.UserId.ToString();
        var tickets = await db.Tickets
            .Where(t => deskIds.Contains(t.DeskId) && t.Transport == TransportNames.Chat && t.UserId == memberId && t.Status == TicketStatus.Open && !t.UserLeft)
            .ToListAsync(cancellationToken);
        foreach (var ticket in tickets)
        {
            ticket.UserLeft = true;
            ticket.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        }
        await db.SaveChangesAsync(cancellationToken);
        var how = e.How switch { "kicked" => "was kicked from", "banned" => "was banned from", _ => "left" };
        foreach (var ticket in tickets)
        {
            await channels.PostNoticeAsync(ticket, $"{ticket.UserName} {how} the community; nothing more reaches them. `force_close` closes the ticket.", [], cancellationToken);
        }
    }
}
