using Microsoft.Extensions.Options;
using Parley.Chat.Bots;
using Parley.Modmail.Blocks;
using Parley.Modmail.Desks;
using Parley.Modmail.Tickets;

namespace Parley.Modmail.Transports.Chat;

/// <summary>
/// Recovery over Chat: the DMs members sent the desk's bot after the desk's cursor (Chat's <see cref="BotInbox"/>,
/// oldest first, a page at a time), each handled as the router would have (<see cref="MemberDms"/>). Messages up to
/// <see cref="ModmailOptions.RecoveryOverlapSeconds"/> before the cursor are offered again — one may still have been in
/// flight when a later one moved the cursor — but only for members who are not blocked (a blocked notice is never
/// repeated) and without moving the cursor; the engine drops those it already recorded.
/// </summary>
internal sealed class ChatRecovery(BotInbox inbox, MemberDms dms, BlockList blocks, IOptionsMonitor<ModmailOptions> options, TimeProvider clock)
    : ITransportRecovery
{
    private const int PageSize = 100;

    public string Name => TransportNames.Chat;

    public async Task<int> RecoverAsync(SupportDesk desk, CancellationToken cancellationToken)
    {
        var cursor = MemberDms.CursorOf(desk);
        var overlap = TimeSpan.FromSeconds(options.CurrentValue.RecoveryOverlapSeconds);
        BotInboxPosition? from = overlap > TimeSpan.Zero ? new BotInboxPosition(cursor.CreatedAt - overlap, Guid.Empty) : cursor;
        var recorded = 0;
        while (true)
        {
            var page = await inbox.ReceivedAfterAsync(desk.BotUserId, from, PageSize, cancellationToken);
            foreach (var message in page)
            {
                var position = new BotInboxPosition(message.CreatedAt, message.Id);
                MemberMessageResult? result;
                if (IsAfter(position, cursor))
                {
                    result = await dms.HandleAsync(desk, message, cancellationToken);
                }
                else if (!await blocks.IsBlockedAsync(message.SenderId.ToString(), clock.GetUtcNow().UtcDateTime, cancellationToken))
                {
                    result = await dms.ReceiveAsync(desk, message, cancellationToken);
                }
                else
                {
                    result = null;
                }
                if (result is MemberMessageResult.Relayed or MemberMessageResult.Opened)
                {
                    recorded++;
                }
                from = position;
            }
            if (page.Count < PageSize)
            {
                return recorded;
            }
        }
    }

    private static bool IsAfter(BotInboxPosition a, BotInboxPosition b) =>
        a.CreatedAt > b.CreatedAt || (a.CreatedAt == b.CreatedAt && a.MessageId.CompareTo(b.MessageId) > 0);
}
