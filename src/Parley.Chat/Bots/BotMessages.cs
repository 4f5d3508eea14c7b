using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Chat.Channels;
using Parley.Chat.Messages;
using Parley.Chat.Storage;
using Parley.Core.Blobs;
using Parley.Core.Storage;

namespace Parley.Chat.Bots;

/// <summary>A message as another module reads it: where, who, what, the file it carries, and the other person of a DM.</summary>
/// <param name="DmPartnerId">In a DM, the member who is not the sender; null in a group channel.</param>
public sealed record ChatMessageInfo(
    Guid Id, Guid ChannelId, Guid SenderId, string SenderName, string? Content, IReadOnlyList<ChatAttachmentInfo> Attachments,
    Guid? DmPartnerId, DateTime CreatedAt, DateTime? DeletedAt);

/// <summary>A file on a message: its blob key in Core's blob store, and what the uploader called it.</summary>
public sealed record ChatAttachmentInfo(Guid FileId, string BlobKey, string FileName, string? ContentType, long Size);

/// <summary>
/// Why a bot's post was refused, as Chat's problem code (e.g. <c>channel_archived</c>, <c>not_a_channel_member</c>);
/// <paramref name="FilesNotPosted"/> the files of a posted message that Chat would not take.
/// </summary>
public sealed record ChatPostResult(Guid? MessageId, string? RefusalCode, IReadOnlyList<BotFileRefusal>? FilesNotPosted = null);

/// <summary>A file a bot posts: bytes already in Core's blob store (content-addressed, so another message's file is reused, not copied).</summary>
public sealed record BotFile(string BlobKey, string FileName, string? ContentType, long Size);

/// <summary>A file Chat would not post, and why: <c>file_too_large</c> (<c>Chat:MaxUploadBytes</c>), <c>blocked_file</c>, <c>file_missing</c>.</summary>
public sealed record BotFileRefusal(string FileName, string Code);

/// <summary>
/// Messages other modules send, change and read in Chat as a given user (Modmail's bot): posted through
/// <see cref="MessageSender"/>'s path for vetted messages, so <c>message.created</c> reaches clients and
/// <see cref="ChatMessagePosted"/> is published; edited and deleted through <see cref="MessageChanges"/>, so
/// <c>message.updated</c> / <c>message.deleted</c> fire as for any client. The channel's rules still hold: the sender
/// must be a member who may write there.
/// </summary>
public sealed class BotMessages
{
    private readonly ChatDbContext _db;
    private readonly CoreDbContext _core;
    private readonly MessageSender _sender;
    private readonly MessageChanges _changes;
    private readonly MessageContentRules _rules;
    private readonly TimeProvider _clock;
    private readonly IBlobStore _blobs;
    private readonly long _maxFileBytes;

    internal BotMessages(ChatDbContext db, CoreDbContext core, MessageSender sender, MessageChanges changes, MessageContentRules rules, IOptions<ChatOptions> options, TimeProvider clock, IBlobStore blobs)
    {
        _blobs = blobs;
        _maxFileBytes = options.Value.MaxUploadBytes;
        _db = db;
        _core = core;
        _sender = sender;
        _changes = changes;
        _rules = rules;
        _clock = clock;
        MaxContentLength = options.Value.MaxPlaintextLength;
    }

    /// <summary>The longest plaintext Chat stores (Chat:MaxPlaintextLength), in characters.</summary>
    public int MaxContentLength { get; }

    public async Task<ChatPostResult> PostAsync(Guid senderId, Guid channelId, string content, CancellationToken cancellationToken)
    {
        if (_rules.Check(content, null, null).Count > 0)
        {
            return new ChatPostResult(null, "validation_failed");
        }
        var (access, refusal) = await ChannelAccess.ResolveAsync(_db, channelId, senderId, ChannelNeed.Write, _clock.GetUtcNow().UtcDateTime, cancellationToken);
        if (access is null)
        {
            return new ChatPostResult(null, refusal!.Code);
        }
        var view = await _sender.PostAsync(new Message { ChannelId = channelId, SenderId = senderId, Plaintext = content }, access, cancellationToken);
        return new ChatPostResult(view.Id, null);
    }

    /// <summary>
    /// Posts <paramref name="content"/> with <paramref name="files"/>: each file becomes a Chat file of
    /// <paramref name="channelId"/> uploaded by the bot (so exactly the channel's readers may download it), over the same
    /// blob. A Chat message carries one file: the first goes on the message, each further one follows in a message of
    /// its own (<c>📎 name</c>). Files over <c>Chat:MaxUploadBytes</c>, blocked by hash or gone from storage are left out
    /// and named in <see cref="ChatPostResult.FilesNotPosted"/>; the rest still goes. Answers the first message's id.
    /// </summary>
    public async Task<ChatPostResult> PostAsync(Guid senderId, Guid channelId, string content, IReadOnlyList<BotFile> files, CancellationToken cancellationToken)
    {
        if (files.Count == 0)
        {
            return await PostAsync(senderId, channelId, content, cancellationToken);
        }
        if (_rules.Check(content, null, null).Count > 0)
        {
            return new ChatPostResult(null, "validation_failed");
        }
        var (access, refusal) = await ChannelAccess.ResolveAsync(_db, channelId, senderId, ChannelNeed.Write, _clock.GetUtcNow().UtcDateTime, cancellationToken);
        if (access is null)
        {
            return new ChatPostResult(null, refusal!.Code);
        }
        var refused = new List<BotFileRefusal>();
        var stored = new List<Files.ChatFile>();
        foreach (var file in files)
        {
            var code = file.Size > _maxFileBytes ? "file_too_large"
                : await _db.BlockedHashes.AnyAsync(b => b.Hash == file.BlobKey, cancellationToken) ? "blocked_file"
                : !await _blobs.ExistsAsync(file.BlobKey, cancellationToken) ? "file_missing"
                : null;
            if (code is not null)
            {
                refused.Add(new BotFileRefusal(file.FileName, code));
                continue;
            }
            var name = string.IsNullOrWhiteSpace(file.FileName) ? "file" : file.FileName.Length > Files.FileUploads.MaxNameLength ? file.FileName[..Files.FileUploads.MaxNameLength] : file.FileName;
            var type = string.IsNullOrWhiteSpace(file.ContentType) || file.ContentType.Length > Files.FileUploads.MaxContentTypeLength ? "application/octet-stream" : file.ContentType;
            var row = new Files.ChatFile
            {
                UploaderId = senderId, EncryptedName = name, SizeBytes = file.Size, ContentType = type,
                StoragePath = file.BlobKey, Checksum = file.BlobKey, ChannelId = channelId, CreatedAt = _clock.GetUtcNow().UtcDateTime,
            };
            _db.Files.Add(row);
            stored.Add(row);
        }
        await _db.SaveChangesAsync(cancellationToken);
        var first = await _sender.PostAsync(new Message
        {
            ChannelId = channelId, SenderId = senderId, Plaintext = content,
            MessageType = stored.Count > 0 ? MessageTypes.File : MessageTypes.Text, FileId = stored.FirstOrDefault()?.Id,
        }, access, cancellationToken);
        foreach (var more in stored.Skip(1))
        {
            await _sender.PostAsync(new Message
            {
                ChannelId = channelId, SenderId = senderId, Plaintext = "📎 " + more.EncryptedName, MessageType = MessageTypes.File, FileId = more.Id,
            }, access, cancellationToken);
        }
        return new ChatPostResult(first.Id, null, refused);
    }

    /// <summary>Replaces the content of a message <paramref name="senderId"/> sent; false when there is no such live message of theirs.</summary>
    public async Task<bool> EditAsync(Guid senderId, Guid messageId, string content, CancellationToken cancellationToken)
    {
        if (_rules.Check(content, null, null).Count > 0)
        {
            return false;
        }
        var found = await _db.Messages.FirstOrDefaultAsync(m => m.Id == messageId && m.SenderId == senderId && m.DeletedAt == null, cancellationToken);
        if (found is null)
        {
            return false;
        }
        await _changes.EditAsync(found, content, null, null, cancellationToken);
        return true;
    }

    /// <summary>Deletes a message <paramref name="senderId"/> sent; false when there is no such live message of theirs.</summary>
    public async Task<bool> DeleteAsync(Guid senderId, Guid messageId, CancellationToken cancellationToken)
    {
        var found = await _db.Messages.FirstOrDefaultAsync(m => m.Id == messageId && m.SenderId == senderId, cancellationToken);
        return found is not null && await _changes.DeleteAsync(found, cancellationToken);
    }

    public async Task<ChatMessageInfo?> ReadAsync(Guid messageId, CancellationToken cancellationToken)
    {
        var message = await _db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == messageId, cancellationToken);
        if (message is null)
        {
            return null;
        }
        var channel = await _db.Channels.AsNoTracking().Where(c => c.Id == message.ChannelId).Select(c => new { c.ChannelType }).FirstAsync(cancellationToken);
        Guid? partner = channel.ChannelType == ChannelTypes.Dm
            ? await _db.ChannelMembers.AsNoTracking().Where(m => m.ChannelId == message.ChannelId && m.UserId != message.SenderId)
                .Select(m => (Guid?)m.UserId).FirstOrDefaultAsync(cancellationToken)
            : null;
        var attachments = message.FileId is { } fileId
            ? await _db.Files.AsNoTracking().Where(f => f.Id == fileId)
                .Select(f => new ChatAttachmentInfo(f.Id, f.StoragePath, f.EncryptedName, f.ContentType, f.SizeBytes)).ToListAsync(cancellationToken)
            : [];
        var senderName = message.WebhookUsername
            ?? await _core.Users.AsNoTracking().Where(u => u.Id == message.SenderId).Select(u => u.DisplayName ?? u.Username).FirstOrDefaultAsync(cancellationToken)
            ?? message.SenderId.ToString();
        return new ChatMessageInfo(message.Id, message.ChannelId, message.SenderId, senderName,
            message.DeletedAt is null ? message.Plaintext : null, attachments, partner, message.CreatedAt, message.DeletedAt);
    }
}
