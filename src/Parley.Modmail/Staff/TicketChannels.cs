using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Chat.Bots;
using Parley.Modmail.Desks;
using Parley.Modmail.Storage;
using Parley.Modmail.Tickets;
using Parley.Modmail.Transports;

namespace Parley.Modmail.Staff;

/// <summary>
/// The staff side of a ticket: its private channel in the staff community's <c>Tickets</c> group, through Chat's
/// public services. Creates it when a ticket opens, posts member messages and notices into it as the desk's bot,
/// keeps its members to the staff who may see the ticket (<see cref="TicketAudience"/>), archives it on close.
/// </summary>
internal sealed class TicketChannels(
    ModmailDbContext db, PrivateChannels channels, BotMessages messages, ChatBots bots, TicketAudience audience, IOptionsMonitor<ModmailOptions> options)
{
    /// <summary>
    /// Creates the ticket's channel (named after the member) with its staff as members, sets <see cref="Ticket.ChannelId"/>
    /// (unsaved) and returns the channel id; null when the desk has no Tickets group any more.
    /// </summary>
    public async Task<Guid?> CreateAsync(SupportDesk desk, Ticket ticket, CancellationToken cancellationToken)
    {
        if (desk.TicketsGroupId is not { } groupId)
        {
            return null;
        }
        var staff = await audience.StaffAsync(desk, ticket, cancellationToken);
        var topic = $"Ticket with {ticket.UserName} ({ticket.Transport}) — Modmail commands start with {desk.Prefix}";
        var channelId = await channels.CreateAsync(groupId, ChannelName(ticket.UserName), topic, desk.BotUserId, staff, cancellationToken);
        if (channelId is { } id)
        {
            ticket.ChannelId = id.ToString();
        }
        return channelId;
    }

    /// <summary>Posts <paramref name="content"/> as the desk's bot in the ticket channel; returns the Chat message id, null when it could not.</summary>
    public async Task<Guid?> PostAsync(Ticket ticket, string content, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(ticket.ChannelId, out var channelId))
        {
            return null;
        }
        var botId = await BotOfAsync(ticket.DeskId, cancellationToken);
        return botId is { } bot ? (await messages.PostAsync(bot, channelId, Fit(content), cancellationToken)).MessageId : null;
    }

    /// <summary>
    /// Posts <paramref name="content"/> with <paramref name="files"/> as real Chat files of the ticket channel (only its
    /// staff download them); a file Chat would not take (too large, blocked, gone) is named in a notice after it and the
    /// rest still goes. Returns the Chat message id, null when it could not post.
    /// </summary>
    public async Task<Guid?> PostAsync(Ticket ticket, string content, IReadOnlyList<TicketAttachment> files, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(ticket.ChannelId, out var channelId) || await BotOfAsync(ticket.DeskId, cancellationToken) is not { } bot)
        {
            return null;
        }
        var (relayed, tooMany) = RelayedFiles.Split(files, options.CurrentValue);
        var posted = await messages.PostAsync(bot, channelId, Fit(content), relayed.Select(RelayedFiles.ToBotFile).ToList(), cancellationToken);
        var notRelayed = RelayedFiles.Describe(posted.FilesNotPosted, tooMany);
        if (posted.MessageId is not null && notRelayed is not null)
        {
            await messages.PostAsync(bot, channelId, Fit($"⚠ Not relayed to this channel: {notRelayed}."), cancellationToken);
        }
        return posted.MessageId;
    }

    /// <summary>Changes a message the bot posted in the ticket channel.</summary>
    public async Task<bool> EditAsync(Ticket ticket, string inboxMessageId, string content, CancellationToken cancellationToken) =>
        Guid.TryParse(inboxMessageId, out var id) && await BotOfAsync(ticket.DeskId, cancellationToken) is { } bot
        && await messages.EditAsync(bot, id, Fit(content), cancellationToken);

    /// <summary>Deletes a message the bot posted in the ticket channel.</summary>
    public async Task<bool> DeleteAsync(Ticket ticket, string inboxMessageId, CancellationToken cancellationToken) =>
        Guid.TryParse(inboxMessageId, out var id) && await BotOfAsync(ticket.DeskId, cancellationToken) is { } bot
        && await messages.DeleteAsync(bot, id, cancellationToken);

    /// <summary>Posts a notice from the bot in the ticket channel, mentioning <paramref name="mention"/>; returns the Chat message id.</summary>
    public async Task<Guid?> PostNoticeAsync(Ticket ticket, string content, IReadOnlyList<Guid> mention, CancellationToken cancellationToken)
    {
        if (mention.Count > 0)
        {
            var names = await bots.UsernamesAsync(mention, cancellationToken);
            content = string.Join(' ', names.Select(n => "@" + n)) + " " + content;
        }
        return await PostAsync(ticket, content, cancellationToken);
    }

    /// <summary>Posts a notice from the bot in any staff channel (answers to commands run outside a ticket channel).</summary>
    public async Task<Guid?> PostNoticeAsync(Guid deskId, Guid channelId, string content, CancellationToken cancellationToken) =>
        await BotOfAsync(deskId, cancellationToken) is { } bot ? (await messages.PostAsync(bot, channelId, Fit(content), cancellationToken)).MessageId : null;

    /// <summary>Makes the channel's members exactly the staff who may see the ticket now (after a move, add/remove staff, a permission change).</summary>
    public async Task SyncMembersAsync(Ticket ticket, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(ticket.ChannelId, out var channelId))
        {
            return;
        }
        var desk = await db.Desks.AsNoTracking().FirstAsync(d => d.Id == ticket.DeskId, cancellationToken);
        var wanted = (await audience.StaffAsync(desk, ticket, cancellationToken)).Append(desk.BotUserId).ToHashSet();
        var present = (await channels.MembersAsync(channelId, cancellationToken)).ToHashSet();
        foreach (var userId in wanted.Except(present))
        {
            await channels.AddMemberAsync(channelId, userId, cancellationToken);
        }
        foreach (var userId in present.Except(wanted))
        {
            await channels.RemoveMemberAsync(channelId, userId, cancellationToken);
        }
    }

    /// <summary>Archives the ticket channel (on close): kept for its members to read, closed to posting.</summary>
    public async Task ArchiveAsync(Ticket ticket, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(ticket.ChannelId, out var channelId))
        {
            await channels.ArchiveAsync(channelId, cancellationToken);
        }
    }

    private async Task<Guid?> BotOfAsync(Guid deskId, CancellationToken cancellationToken) =>
        await db.Desks.AsNoTracking().Where(d => d.Id == deskId).Select(d => (Guid?)d.BotUserId).FirstOrDefaultAsync(cancellationToken);

    private string Fit(string content) =>
        content.Length <= messages.MaxContentLength ? content : content[..(messages.MaxContentLength - 1)] + "…";

    /// <summary>A channel name from the member's name: lower case, letters, digits and dashes (Rustmail names channels after the user).</summary>
    internal static string ChannelName(string memberName)
    {
        var slug = new string(memberName.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        while (slug.Contains("--", StringComparison.Ordinal))
        {
            slug = slug.Replace("--", "-", StringComparison.Ordinal);
        }
        return slug.Length == 0 ? "ticket" : slug.Length > 64 ? slug[..64] : slug;
    }
}
