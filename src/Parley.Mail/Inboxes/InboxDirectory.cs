using Microsoft.EntityFrameworkCore;
using Parley.Mail.Storage;

namespace Parley.Mail.Inboxes;

/// <summary>A live inbox as other modules see it: its id, display name and the address it sends from.</summary>
public sealed record InboxInfo(Guid Id, string Name, string Address, bool IsCatchall);

/// <summary>
/// Mail's public answers about inboxes for other modules (Modmail's support inboxes): does an inbox exist, what is its
/// address. Read-only; inboxes are made and changed through Mail's API. A deleted inbox, or one of a deleted domain,
/// does not exist here.
/// </summary>
public sealed class InboxDirectory(MailDbContext db)
{
    public async Task<InboxInfo?> FindAsync(Guid inboxId, CancellationToken cancellationToken)
    {
        var row = await (from inbox in db.Inboxes.AsNoTracking()
                         join domain in db.Domains.AsNoTracking() on inbox.DomainId equals domain.Id
                         where inbox.Id == inboxId && inbox.DeletedAt == null && domain.DeletedAt == null
                         select new { inbox.Id, inbox.Name, inbox.LocalPart, inbox.IsCatchall, Domain = domain.Name, domain.FromName })
            .FirstOrDefaultAsync(cancellationToken);
        return row is null
            ? null
            : new InboxInfo(row.Id, string.IsNullOrWhiteSpace(row.Name) ? row.FromName ?? "" : row.Name, $"{row.LocalPart}@{row.Domain}", row.IsCatchall);
    }
}
