using Microsoft.EntityFrameworkCore;
using Parley.Chat.Channels;
using Parley.Chat.Groups;
using Parley.Chat.Messages;
using Parley.Chat.RealTime;
using Parley.Chat.Storage;
using Parley.Core.Security;
using Parley.Core.Storage;

namespace Parley.Chat.DirectMessages;

/// <summary>The outcome of opening a DM: the pair's channel (new or existing), or why not.</summary>
internal sealed record DmOpening(DmView? Dm, bool Created, Refusal? Refusal);

/// <summary>
/// The one DM channel of a pair of users (<c>dm_pairs</c>, lower id first): found, or made on first use —
/// by <c>POST /api/chat/dms</c>, or by the first message sent to the user. Blocks either way refuse it.
/// A new DM is announced to both users' connections (<c>dm.opened</c>), so the other side lists and
/// subscribes to it without reloading.
/// </summary>
internal sealed class DmChannels(ChatDbContext db, CoreDbContext core, MessageContentRules contentRules, MessageSender sender, ChatEvents events, TimeProvider clock)
{
    public async Task<DmOpening> OpenAsync(Guid userId, Guid? otherUserId, CancellationToken cancellationToken)
    {
        if (otherUserId is not { } otherId || otherId == userId)
        {
            return new DmOpening(null, false, Refusal.Invalid("user_id", "must name another user"));
        }
        if (!await core.Users.AnyAsync(u => u.Id == otherId, cancellationToken))
        {
            return new DmOpening(null, false, Refusal.NotFound("user_not_found", "No such user."));
        }
        if (await db.UserBlocks.AnyAsync(b => (b.BlockerId == userId && b.BlockedId == otherId) || (b.BlockerId == otherId && b.BlockedId == userId), cancellationToken))
        {
            return new DmOpening(null, false, Refusal.Forbidden("user_blocked", "One of you has blocked the other."));
        }
        var (lower, higher) = DmPair.Order(userId, otherId);
        if (await FindAsync(lower, higher, cancellationToken) is { } existing)
        {
            return new DmOpening(new DmView(existing.ChannelId, otherId, existing.CreatedAt), false, null);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var channel = new Channel { Name = "dm", ChannelType = ChannelTypes.Dm, CreatedBy = userId, CreatedAt = now, UpdatedAt = now };
        db.Channels.Add(channel);
        db.ChannelMembers.Add(new ChannelMember { ChannelId = channel.Id, UserId = userId, Role = GroupRoles.Member, JoinedAt = now });
        db.ChannelMembers.Add(new ChannelMember { ChannelId = channel.Id, UserId = otherId, Role = GroupRoles.Member, JoinedAt = now });
        db.DmPairs.Add(DmPair.For(userId, otherId, channel.Id, now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Both users opened the DM at once and the other request won: answer with its channel.
            db.ChangeTracker.Clear();
            if (await FindAsync(lower, higher, cancellationToken) is { } raced)
            {
                return new DmOpening(new DmView(raced.ChannelId, otherId, raced.CreatedAt), false, null);
            }
            throw;
        }
        await events.ToUserAsync(otherId, ChatEventNames.DmOpened, new DmView(channel.Id, userId, now), cancellationToken);
        await events.ToUserAsync(userId, ChatEventNames.DmOpened, new DmView(channel.Id, otherId, now), cancellationToken);
        return new DmOpening(new DmView(channel.Id, otherId, now), true, null);
    }

    /// <summary>
    /// Sends to a user, opening the DM if this is the first message. The content is checked before the
    /// DM is opened, so a message refused for what it says leaves no empty DM behind.
    /// </summary>
    public async Task<SendOutcome> SendAsync(Guid userId, Guid otherUserId, SendMessageRequest request, CancellationToken cancellationToken)
    {
        var errors = contentRules.Check(request.Plaintext, request.Ciphertext, request.Nonce);
        if (errors.Count > 0)
        {
            return SendOutcome.Refused(new Refusal(400, "validation_failed", "One or more fields are invalid.", errors));
        }
        var opening = await OpenAsync(userId, otherUserId, cancellationToken);
        return opening.Dm is { } dm
            ? await sender.SendAsync(userId, dm.ChannelId, request, cancellationToken)
            : SendOutcome.Refused(opening.Refusal!);
    }

    private Task<DmPair?> FindAsync(Guid lower, Guid higher, CancellationToken cancellationToken) =>
        db.DmPairs.AsNoTracking().FirstOrDefaultAsync(p => p.UserA == lower && p.UserB == higher, cancellationToken);
}
