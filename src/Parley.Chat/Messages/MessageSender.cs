using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Parley.Chat.Channels;
using Parley.Chat.Files;
using Parley.Chat.RealTime;
using Parley.Chat.Storage;
using Parley.Core.Events;
using Parley.Core.Security;
using Parley.Core.Storage;

namespace Parley.Chat.Messages;

/// <summary>A message was stored and announced; other modules (Modmail) subscribe on Core's event bus.</summary>
public sealed record ChatMessagePosted(Guid MessageId, Guid ChannelId, Guid SenderId, string MessageType);

/// <summary>
/// The one way a message gets into a channel, whoever sends it: the HTTP API, the hub, scheduled
/// messages, incoming webhooks. <see cref="SendAsync"/> applies a member's rules (content, channel
/// access, replies and threads, slow mode, idempotency); <see cref="PostAsync"/> stores and announces
/// a message the caller has already vetted (system and webhook messages).
/// </summary>
internal sealed class MessageSender(
    ChatDbContext db, CoreDbContext core, MessageContentRules contentRules, ChatEvents events, EventBus bus, TimeProvider clock)
{
    public async Task<SendOutcome> SendAsync(Guid senderId, Guid channelId, SendMessageRequest request, CancellationToken cancellationToken)
    {
        var key = string.IsNullOrWhiteSpace(request.IdempotencyKey) ? null : request.IdempotencyKey.Trim();
        if (key is { Length: > Message.MaxIdempotencyKeyLength })
        {
            return SendOutcome.Refused(Refusal.Invalid("idempotency_key", $"at most {Message.MaxIdempotencyKeyLength} characters"));
        }
        if (key is not null && await FindSentAsync(senderId, key, cancellationToken) is { } earlier)
        {
            return earlier.ChannelId == channelId
                ? new SendOutcome(MessageView.From(earlier), Created: false, null)
                : SendOutcome.Refused(Refusal.Conflict("idempotency_key_reused", "This idempotency key was used for a message in another channel."));
        }

        var errors = contentRules.Check(request.Plaintext, request.Ciphertext, request.Nonce);
        if (errors.Count > 0)
        {
            return SendOutcome.Refused(new Refusal(400, "validation_failed", "One or more fields are invalid.", errors));
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var (access, refusal) = await ChannelAccess.ResolveAsync(db, channelId, senderId, ChannelNeed.Write, now, cancellationToken);
        if (access is null)
        {
            return SendOutcome.Refused(refusal!);
        }
        if (await CheckLinksAsync(channelId, request, cancellationToken) is { } linkProblem)
        {
            return SendOutcome.Refused(linkProblem);
        }
        if (request.FileId is { } fileId && await CheckFileAsync(senderId, channelId, fileId, cancellationToken) is { } fileProblem)
        {
            return SendOutcome.Refused(fileProblem);
        }
        if (access.Channel.SlowModeSeconds > 0 && !access.IsChannelStaff)
        {
            var mark = await db.SlowModeMarks.FirstOrDefaultAsync(m => m.ChannelId == channelId && m.UserId == senderId, cancellationToken);
            var wait = SlowMode.Remaining(mark?.LastSent, access.Channel.SlowModeSeconds, now);
            if (wait > TimeSpan.Zero)
            {
                var seconds = (int)Math.Ceiling(wait.TotalSeconds);
                return SendOutcome.Refused(new Refusal(429, "slow_mode", $"Slow mode: wait {seconds} s before sending again.") { RetryAfterSeconds = seconds });
            }
            if (mark is null)
            {
                db.SlowModeMarks.Add(new SlowModeMark { ChannelId = channelId, UserId = senderId, LastSent = now });
            }
            else
            {
                mark.LastSent = now;
            }
        }

        var message = new Message
        {
            ChannelId = channelId,
            SenderId = senderId,
            MessageType = request.FileId is null ? MessageTypes.Text : MessageTypes.File,
            FileId = request.FileId,
            Plaintext = request.Plaintext,
            Ciphertext = request.Ciphertext,
            Nonce = request.Nonce,
            SenderKeyId = request.SenderKeyId,
            ReplyToId = request.ReplyToId,
            ThreadId = request.ThreadId,
            IdempotencyKey = key,
        };
        try
        {
            var view = await PostAsync(message, access, cancellationToken);
            return new SendOutcome(view, Created: true, null);
        }
        catch (DbUpdateException) when (key is not null)
        {
            // The same key raced in from a retry on another connection: the first one stands.
            db.ChangeTracker.Clear();
            if (await FindSentAsync(senderId, key, cancellationToken) is { } raced && raced.ChannelId == channelId)
            {
                return new SendOutcome(MessageView.From(raced), Created: false, null);
            }
            throw;
        }
    }

    /// <summary>
    /// Stores <paramref name="message"/> (stamping its time and the channel's TTL) with whatever else the
    /// context holds, then pushes <c>message.created</c>, the mentions, and <see cref="ChatMessagePosted"/>.
    /// </summary>
    public async Task<MessageView> PostAsync(Message message, ChannelAccess access, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        message.CreatedAt = now;
        if (access.Channel.MessageTtlSeconds is { } ttl)
        {
            message.ExpiresAt = now.AddSeconds(ttl);
        }
        db.Messages.Add(message);
        await db.SaveChangesAsync(cancellationToken);

        var file = message.FileId is { } fileId
            ? await db.Files.AsNoTracking().Where(f => f.Id == fileId).Select(f => FileView.From(f)).FirstOrDefaultAsync(cancellationToken)
            : null;
        var view = MessageView.From(message, file: file);
        await events.ToChannelAsync(message.ChannelId, ChatEventNames.MessageCreated, view, cancellationToken);
        await NotifyMentionsAsync(message, access, view, cancellationToken);
        await bus.PublishAsync(new ChatMessagePosted(message.Id, message.ChannelId, message.SenderId, message.MessageType), cancellationToken);
        return view;
    }

    private Task<Message?> FindSentAsync(Guid senderId, string key, CancellationToken cancellationToken) =>
        db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.SenderId == senderId && m.IdempotencyKey == key, cancellationToken);

    /// <summary>A reply points at a live message of the same channel; a thread at a top-level message of it.</summary>
    private async Task<Refusal?> CheckLinksAsync(Guid channelId, SendMessageRequest request, CancellationToken cancellationToken)
    {
        if (request.ReplyToId is { } replyTo
            && !await db.Messages.AnyAsync(m => m.Id == replyTo && m.ChannelId == channelId && m.DeletedAt == null, cancellationToken))
        {
            return Refusal.Invalid("reply_to_id", "no such message in this channel");
        }
        if (request.ThreadId is { } threadId
            && !await db.Messages.AnyAsync(m => m.Id == threadId && m.ChannelId == channelId && m.ThreadId == null && m.DeletedAt == null, cancellationToken))
        {
            return Refusal.Invalid("thread_id", "no such top-level message in this channel");
        }
        if (request.SenderKeyId is { } senderKeyId
            && !await db.SenderKeyDistributions.AnyAsync(k => k.Id == senderKeyId && k.ChannelId == channelId, cancellationToken))
        {
            return Refusal.Invalid("sender_key_id", "no such sender key distribution in this channel");
        }
        return null;
    }

    /// <summary>A file message carries the sender's own upload to this channel, and not one a moderator quarantined.</summary>
    private async Task<Refusal?> CheckFileAsync(Guid senderId, Guid channelId, Guid fileId, CancellationToken cancellationToken)
    {
        var file = await db.Files.AsNoTracking()
            .Where(f => f.Id == fileId && f.UploaderId == senderId && f.ChannelId == channelId)
            .Select(f => new { f.QuarantinedAt }).FirstOrDefaultAsync(cancellationToken);
        if (file is null)
        {
            return Refusal.Invalid("file_id", "no such upload of yours in this channel");
        }
        return file.QuarantinedAt is null ? null : Refusal.Forbidden("file_quarantined", "A moderator quarantined this file.");
    }

    /// <summary>
    /// <c>@name</c> reaches that user if they are in the channel; <c>@everyone</c> and <c>@here</c> reach
    /// every member, and only when channel staff write them (as Discord keeps mass pings to moderators).
    /// </summary>
    private async Task NotifyMentionsAsync(Message message, ChannelAccess access, MessageView view, CancellationToken cancellationToken)
    {
        var mentions = MentionParser.Parse(message.Plaintext);
        if (mentions.Usernames.Count == 0 && !mentions.Everyone && !mentions.Here)
        {
            return;
        }
        var members = db.ChannelMembers.AsNoTracking().Where(m => m.ChannelId == message.ChannelId && m.UserId != message.SenderId);
        List<Guid> targets;
        if ((mentions.Everyone || mentions.Here) && access.IsChannelStaff)
        {
            targets = await members.Select(m => m.UserId).ToListAsync(cancellationToken);
        }
        else
        {
            var named = await core.Users.AsNoTracking()
                .Where(u => mentions.Usernames.Contains(u.Username)).Select(u => u.Id).ToListAsync(cancellationToken);
            targets = await members.Where(m => named.Contains(m.UserId)).Select(m => m.UserId).ToListAsync(cancellationToken);
        }
        if (targets.Count > 0)
        {
            await events.ToUsersAsync(targets, ChatEventNames.Mention, view, cancellationToken);
        }
    }
}

/// <summary>What a send did: the message (new or, for a retried key, the earlier one), or why not.</summary>
internal sealed record SendOutcome(MessageView? Message, bool Created, Refusal? Refusal)
{
    public static SendOutcome Refused(Refusal refusal) => new(null, false, refusal);

    /// <summary>The HTTP answer to a send: 201 with the new message, 200 with the earlier one for a retried key, or the problem.</summary>
    public Results<Created<MessageView>, Ok<MessageView>, ProblemHttpResult> ToHttpResult() => this switch
    {
        { Refusal: { } refusal } => refusal.ToProblem(),
        { Created: true } => TypedResults.Created($"/api/chat/messages/{Message!.Id}", Message),
        _ => TypedResults.Ok(Message!),
    };
}
