using Microsoft.EntityFrameworkCore;
using Parley.Mail.Storage;

namespace Parley.Mail.Suppression;

/// <summary>
/// The rules of <c>suppressed_addresses</c>: sending refuses suppressed recipients; a hard bounce or a
/// complaint suppresses the address. Addresses compare lower-cased.
/// </summary>
internal sealed class SuppressionList(TimeProvider clock)
{
    /// <summary>Those of <paramref name="addresses"/> that are suppressed, lower-cased.</summary>
    public async Task<IReadOnlyList<string>> SuppressedAmongAsync(MailDbContext db, IEnumerable<string> addresses, CancellationToken cancellationToken)
    {
        var wanted = addresses.Select(Normalize).Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
        {
            return [];
        }
        return await db.SuppressedAddresses.AsNoTracking().Where(s => wanted.Contains(s.Address)).Select(s => s.Address).ToListAsync(cancellationToken);
    }

    /// <summary>Suppresses <paramref name="address"/> (unsaved); an address already suppressed keeps its first reason.</summary>
    public async Task AddAsync(MailDbContext db, string address, string reason, string? sourceMessageId, CancellationToken cancellationToken)
    {
        var normalized = Normalize(address);
        if (db.SuppressedAddresses.Local.Any(s => s.Address == normalized)
            || await db.SuppressedAddresses.AnyAsync(s => s.Address == normalized, cancellationToken))
        {
            return;
        }
        db.SuppressedAddresses.Add(new SuppressedAddress
        {
            Address = normalized,
            Reason = reason,
            SourceMessageId = sourceMessageId,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
    }

    public static string Normalize(string address) => address.Trim().ToLowerInvariant();
}
