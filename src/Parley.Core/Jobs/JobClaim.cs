using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Parley.Core.Storage;

namespace Parley.Core.Jobs;

/// <summary>
/// Takes the next due job for one node in a single atomic statement, so no job ever runs
/// twice at once: SQLite serialises writers; PostgreSQL skips rows another node has locked.
/// A running job whose lease has expired (its node died) is due again.
/// </summary>
internal static class JobClaim
{
    public static async Task<Job?> NextAsync(ModuleDbContext db, string node, DateTime now, TimeSpan lease, CancellationToken cancellationToken)
    {
        // An idle poll reads first, so it never takes SQLite's write lock for nothing.
        var anyDue = await db.Jobs.AnyAsync(
            j => (j.State == JobStates.Pending && j.DueAt <= now) || (j.State == JobStates.Running && j.LockedUntil < now),
            cancellationToken);
        if (!anyDue)
        {
            return null;
        }
        var claimed = await db.Jobs
            .FromSqlRaw(ClaimSql(db), node, now + lease, now)
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        return claimed.Count == 0 ? null : claimed[0];
    }

    private static string ClaimSql(ModuleDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(Job))!;
        var table = db.GetService<ISqlGenerationHelper>().DelimitIdentifier(entity.GetTableName()!, entity.GetSchema());
        var skipLocked = db.IsPostgres ? " FOR UPDATE SKIP LOCKED" : "";
        // Table and schema come from the model; {0}-{2} are parameters.
        var sql = $$"""
            UPDATE {{table}}
            SET state = 'running', locked_by = {0}, locked_until = {1}, attempts = attempts + 1, updated_at = {2}
            WHERE id = (
                SELECT id FROM {{table}}
                WHERE (state = 'pending' AND due_at <= {2}) OR (state = 'running' AND locked_until < {2})
                ORDER BY due_at
                LIMIT 1{{skipLocked}}
            )
            RETURNING *
            """;
        return sql;
    }
}
