namespace Parley.Chat.Emojis;

/// <summary>A community emoji; its image is at <c>/api/chat/emojis/{id}/image</c>.</summary>
public sealed record EmojiView(Guid Id, Guid CommunityId, string Shortcode, string ContentType, Guid UploadedBy, DateTime CreatedAt)
{
    internal static EmojiView From(CustomEmoji e) => new(e.Id, e.CommunityId, e.Shortcode, e.ContentType, e.UploadedBy, e.CreatedAt);
}

/// <summary>The <c>emoji.deleted</c> event.</summary>
public sealed record EmojiDeleted(Guid Id, Guid CommunityId);
