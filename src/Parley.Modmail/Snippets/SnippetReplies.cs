using Microsoft.EntityFrameworkCore;
using Parley.Core.Security;
using Parley.Modmail.Staff;
using Parley.Modmail.Storage;
using Parley.Modmail.Tickets;

namespace Parley.Modmail.Snippets;

/// <summary>
/// <c>snippet &lt;key&gt;</c>: sends a saved reply to the member as if staff had written it — a numbered reply through
/// <see cref="StaffReplies"/>, named or anonymous. Keys are compared lower-case, as they are stored.
/// </summary>
internal sealed class SnippetReplies(ModmailDbContext db, StaffReplies replies)
{
    public Task<Snippet?> FindAsync(string key, CancellationToken cancellationToken)
    {
        var normalized = key.Trim().ToLowerInvariant();
        return db.Snippets.AsNoTracking().FirstOrDefaultAsync(s => s.Key == normalized, cancellationToken);
    }

    public Task<List<string>> KeysAsync(CancellationToken cancellationToken) =>
        db.Snippets.AsNoTracking().OrderBy(s => s.Key).Select(s => s.Key).ToListAsync(cancellationToken);

    public async Task<(TicketMessage? Message, Refusal? Refusal)> SendAsync(
        Guid ticketId, StaffActor staff, string key, bool anonymous, CancellationToken cancellationToken)
    {
        var snippet = await FindAsync(key, cancellationToken);
        if (snippet is null)
        {
            return (null, Refusal.NotFound("snippet_not_found", $"No snippet \"{key.Trim()}\"."));
        }
        return await replies.ReplyAsync(ticketId, staff, snippet.Content, anonymous, [], cancellationToken);
    }
}
