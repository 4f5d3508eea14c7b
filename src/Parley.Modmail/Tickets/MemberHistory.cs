using Microsoft.EntityFrameworkCore;
using Parley.Modmail.Storage;

namespace Parley.Modmail.Tickets;

/// <summary>One past ticket in <c>logs</c>: its transcript is at <see cref="TranscriptPath"/> in the panel.</summary>
internal sealed record PastTicket(Guid Id, DateTime CreatedAt, DateTime? ClosedAt, string? CategoryName, int Status, string Transport)
{
    public string TranscriptPath => $"/modmail/tickets/{Id}";
}

/// <summary>
/// <c>logs</c>: a member's tickets at a desk, newest first, as Rustmail lists them (number, link to the transcript,
/// when) — the ticket the command runs in left out, since staff are looking at it.
/// </summary>
internal sealed class MemberHistory(ModmailDbContext db)
{
    public async Task<(IReadOnlyList<PastTicket> Tickets, int Total)> ListAsync(
        Guid deskId, string memberId, Guid? except, int take, CancellationToken cancellationToken)
    {
        var query = db.Tickets.AsNoTracking().Where(t => t.DeskId == deskId && t.UserId == memberId && t.Id != except);
        var total = await query.CountAsync(cancellationToken);
        var tickets = await query.OrderByDescending(t => t.CreatedAt).Take(take)
            .Select(t => new PastTicket(t.Id, t.CreatedAt, t.ClosedAt, t.CategoryName, t.Status, t.Transport))
            .ToListAsync(cancellationToken);
        return (tickets, total);
    }
}
