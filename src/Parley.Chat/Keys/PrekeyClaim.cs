using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Parley.Chat.Storage;

namespace Parley.Chat.Keys;

/// <summary>
/// Hands out one unused one-time prekey of a user in a single atomic statement, so two
/// concurrent bundle fetches never get the same key (which would let two senders derive
/// the same X3DH secret): SQLite serialises writers; PostgreSQL skips a row another fetch has locked.
/// </summary>
internal static class PrekeyClaim
{
    public const int LowWatermark = 20;

    public static async Task<OneTimePrekey?> NextAsync(ChatDbContext db, Guid userId, CancellationToken cancellationToken)
    {
        var claimed = await db.OneTimePrekeys
            .FromSqlRaw(ClaimSql(db), userId, true)
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        return claimed.Count == 0 ? null : claimed[0];
    }

    private static string ClaimSql(ChatDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(OneTimePrekey))!;
        var table = db.GetService<ISqlGenerationHelper>().DelimitIdentifier(entity.GetTableName()!, entity.GetSchema());
        var skipLocked = db.IsPostgres ? " FOR UPDATE SKIP LOCKED" : "";
        // Table and schema come from the model; {0} and {1} are parameters. Oldest key first.
        return $$"""
            UPDATE {{table}}
            SET used = {1}
            WHERE id = (
                SELECT id FROM {{table}}
                WHERE user_id = {0} AND NOT used
                ORDER BY key_id
                LIMIT 1{{skipLocked}}
            )
            RETURNING *
            """;
    }
}
