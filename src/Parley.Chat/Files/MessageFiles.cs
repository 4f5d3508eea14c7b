using Microsoft.EntityFrameworkCore;
using Parley.Chat.Messages;
using Parley.Chat.Storage;

namespace Parley.Chat.Files;

/// <summary>Puts the files of <c>file</c> messages into their views, with one query for a whole page.</summary>
internal static class MessageFiles
{
    public static async Task<List<MessageView>> ViewsAsync(
        ChatDbContext db, IReadOnlyCollection<Message> messages, bool viewerIsStaff, CancellationToken cancellationToken)
    {
        var ids = messages.Where(m => m.FileId != null).Select(m => m.FileId!.Value).Distinct().ToList();
        var files = ids.Count == 0
            ? new Dictionary<Guid, FileView>()
            : await db.Files.AsNoTracking().Where(f => ids.Contains(f.Id)).ToDictionaryAsync(f => f.Id, FileView.From, cancellationToken);
        return messages
            .Select(m => MessageView.From(m, viewerIsStaff, m.FileId is { } id ? files.GetValueOrDefault(id) : null))
            .ToList();
    }

    public static async Task<MessageView> ViewAsync(ChatDbContext db, Message message, bool viewerIsStaff, CancellationToken cancellationToken) =>
        (await ViewsAsync(db, [message], viewerIsStaff, cancellationToken))[0];
}
