using Parley.Core.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Chat.Storage;
using Parley.Core.Blobs;
using Parley.Core.Security;
using Parley.Core.Storage;

namespace Parley.Chat.Files;

/// <summary>
/// Stores one upload: streams it into the blob store (which hashes it on the way), then refuses
/// it if its hash is blocked or it would take the uploader past their quota, and only then records
/// the <c>files</c> row. A refused upload leaves nothing behind: no row, no blob, no quota used.
/// </summary>
internal sealed class FileUploads(ChatDbContext db, CoreDbContext core, IBlobStore blobs, IOptions<ChatOptions> options, TimeProvider clock)
{
    public const int MaxNameLength = 512;
    public const int MaxContentTypeLength = 128;

    public async Task<(FileView? File, Refusal? Refusal)> StoreAsync(
        Guid uploaderId, Guid channelId, string name, string? contentType, Stream content, CancellationToken cancellationToken)
    {
        var maxBytes = options.Value.MaxUploadBytes;
        BlobInfo blob;
        try
        {
            blob = await blobs.PutAsync(new LengthLimitedStream(content, maxBytes, () => new UploadTooLargeException()), cancellationToken);
        }
        catch (Exception ex) when (ex is UploadTooLargeException or BlobTooLargeException)
        {
            return (null, TooLarge(maxBytes));
        }

        if (await db.BlockedHashes.AnyAsync(b => b.Hash == blob.Key, cancellationToken))
        {
            await DeleteUnreferencedAsync(blob.Key, cancellationToken);
            return (null, Refusal.Forbidden("blocked_file", "This file may not be uploaded here."));
        }

        // Conditional, so two parallel uploads cannot both fit under the quota and overshoot it together.
        var quota = options.Value.UploadQuotaBytes;
        var size = blob.Size;
        var reserved = await core.Users
            .Where(u => u.Id == uploaderId && u.UploadBytesUsed + size <= quota)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.UploadBytesUsed, u => u.UploadBytesUsed + size), cancellationToken);
        if (reserved == 0)
        {
            await DeleteUnreferencedAsync(blob.Key, cancellationToken);
            return (null, Refusal.Forbidden("quota_exceeded", $"Your uploads would pass your quota of {quota} bytes."));
        }

        var file = new ChatFile
        {
            UploaderId = uploaderId,
            EncryptedName = name,
            SizeBytes = size,
            ContentType = contentType,
            StoragePath = blob.Key,
            Checksum = blob.Key,
            ChannelId = channelId,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Files.Add(file);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            // The quota lives in Core's database, so it cannot share this transaction: give the bytes back.
            await core.Users.Where(u => u.Id == uploaderId)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.UploadBytesUsed, u => u.UploadBytesUsed - size), CancellationToken.None);
            db.Files.Remove(file);
            await DeleteUnreferencedAsync(blob.Key, CancellationToken.None);
            throw;
        }
        return (FileView.From(file), null);
    }

    public static Refusal TooLarge(long maxBytes) => new(413, "file_too_large", $"A file may be at most {maxBytes} bytes.");

    /// <summary>Blobs are shared by content, so one is deleted only when no file row points at it.</summary>
    private async Task DeleteUnreferencedAsync(string key, CancellationToken cancellationToken)
    {
        if (!await db.Files.AnyAsync(f => f.StoragePath == key, cancellationToken))
        {
            await blobs.DeleteAsync(key, cancellationToken);
        }
    }

    private sealed class UploadTooLargeException : Exception;
}
