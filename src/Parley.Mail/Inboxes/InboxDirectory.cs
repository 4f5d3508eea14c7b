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

    /// <summary>The live inbox with this address (<c>local@domain</c>, case-insensitive; not a catch-all's <c>*@domain</c>).</summary>
    public async Task<InboxInfo?> FindByAddressAsync(string address, CancellationToken cancellationToken)
    {
        var at = address.Trim().LastIndexOf('@');
        if (at <= 0 || at == address.Trim().Length - 1)
        {
            return null;
        }
        var local = address.Trim()[..at].ToLowerInvariant();
        var domainName = address.Trim()[(at + 1)..].ToLowerInvariant();
        var id = await (from inbox in db.Inboxes.AsNoTracking()
                        join domain in db.Domains.AsNoTracking() on inbox.DomainId equals domain.Id
                        where inbox.DeletedAt == null && domain.DeletedAt == null && !inbox.IsCatchall
                              && inbox.LocalPart.ToLower() == local && domain.Name.ToLower() == domainName
                        select (Guid?)inbox.Id).FirstOrDefaultAsync(cancellationToken);
        return id is { } found ? await FindAsync(found, cancellationToken) : null;
    }
}
