using Microsoft.EntityFrameworkCore;
using Parley.Chat.Communities;
using Parley.Chat.DirectMessages;
using Parley.Chat.Storage;
using Parley.Core.Accounts;
using Parley.Core.Storage;

namespace Parley.Chat.Bots;

/// <summary>
/// Bot accounts for other modules (Modmail's support bots): a Core user marked <see cref="User.IsBot"/> whose password
/// hash is no hash (<c>!</c> never verifies), so the server acts as it and nobody signs in as it; put in a community
/// so it may post in its channels, and met by members in a DM.
/// </summary>
public sealed class ChatBots
{
    private readonly CoreDbContext _core;
    private readonly ChatDbContext _db;
    private readonly DmChannels _dms;
    private readonly TimeProvider _clock;

    internal ChatBots(CoreDbContext core, ChatDbContext db, DmChannels dms, TimeProvider clock)
    {
        _core = core;
        _db = db;
        _dms = dms;
        _clock = clock;
    }

    /// <summary>Creates a bot shown as <paramref name="displayName"/> (e.g. "Crabs Support"), with a unique username derived from it.</summary>
    public async Task<Guid> CreateAsync(string displayName, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        var name = displayName.Trim();
        var bot = new User
        {
            // Readable, and unique without a lookup: a slug of the name and a random tail.
            Username = UsernameFor(name),
            DisplayName = name.Length > 64 ? name[..64] : name,
            PasswordHash = "!",
            IsBot = true,
            CreatedAt = now,
            UpdatedAt = now,
        };
        _core.Users.Add(bot);
        await _core.SaveChangesAsync(cancellationToken);
        return bot.Id;
    }

    /// <summary>Makes the user a plain member of the community (nothing when they are one already).</summary>
    public async Task AddToCommunityAsync(Guid communityId, Guid userId, CancellationToken cancellationToken)
    {
        if (await _db.CommunityMembers.AnyAsync(m => m.CommunityId == communityId && m.UserId == userId, cancellationToken))
        {
            return;
        }
        _db.CommunityMembers.Add(new CommunityMember
        {
            CommunityId = communityId, UserId = userId, Role = CommunityRoles.Member, JoinedAt = _clock.GetUtcNow().UtcDateTime,
        });
        await _db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The DM channel between <paramref name="userId"/> and the bot, opened on first use; null when a block refuses it.</summary>
    public async Task<Guid?> OpenDmAsync(Guid userId, Guid botId, CancellationToken cancellationToken)
    {
        var opening = await _dms.OpenAsync(userId, botId, cancellationToken);
        return opening.Dm?.ChannelId;
    }

    /// <summary>Whether the user is a bot account.</summary>
    public Task<bool> IsBotAsync(Guid userId, CancellationToken cancellationToken) =>
        _core.Users.AnyAsync(u => u.Id == userId && u.IsBot, cancellationToken);

    /// <summary>The name people see for a user: the display name, else the username; null for no such user.</summary>
    public Task<string?> NameOfAsync(Guid userId, CancellationToken cancellationToken) =>
        _core.Users.Where(u => u.Id == userId).Select(u => u.DisplayName ?? u.Username).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The usernames of the users (for <c>@mentions</c>), in no particular order.</summary>
    public async Task<IReadOnlyList<string>> UsernamesAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken) =>
        await _core.Users.Where(u => userIds.Contains(u.Id)).Select(u => u.Username).ToListAsync(cancellationToken);

    /// <summary>Finds a user by username (case as stored) or by id written as text.</summary>
    public async Task<Guid?> FindUserAsync(string usernameOrId, CancellationToken cancellationToken)
    {
        var text = usernameOrId.Trim().TrimStart('@');
        if (Guid.TryParse(text, out var id))
        {
            return await _core.Users.AnyAsync(u => u.Id == id, cancellationToken) ? id : null;
        }
        return await _core.Users.Where(u => u.Username == text).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(cancellationToken);
    }

    private static string UsernameFor(string displayName)
    {
        var slug = new string(displayName.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        while (slug.Contains("--", StringComparison.Ordinal))
        {
            slug = slug.Replace("--", "-", StringComparison.Ordinal);
        }
        var tail = Guid.NewGuid().ToString("N")[..6];
        slug = slug.Length > 32 - 7 ? slug[..(32 - 7)].TrimEnd('-') : slug;
        return (slug.Length == 0 ? "bot" : slug) + "-" + tail;
    }
}
