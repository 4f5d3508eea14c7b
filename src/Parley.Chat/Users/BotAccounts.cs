using Microsoft.EntityFrameworkCore;
using Parley.Core.Storage;

namespace Parley.Chat.Users;

/// <summary>
/// Which users are bots (Core's <c>users.is_bot</c>: accounts the server acts as, such as Modmail's support
/// bots), so member lists can say so. Users live in Core's database, so this is one lookup per list, not a join.
/// </summary>
internal static class BotAccounts
{
    public static async Task<HashSet<Guid>> AmongAsync(CoreDbContext core, IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken) =>
        userIds.Count == 0
            ? []
            : (await core.Users.AsNoTracking().Where(u => u.IsBot && userIds.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken)).ToHashSet();
}
