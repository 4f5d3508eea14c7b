using Parley.Chat.Messages;

namespace Parley.Chat.Bookmarks;

/// <summary>A saved message with the saver's note.</summary>
public sealed record BookmarkView(Guid Id, MessageView Message, string? Note, DateTime CreatedAt);

/// <summary>Save a message, with an optional note.</summary>
public sealed record CreateBookmarkRequest(Guid? MessageId, string? Note);

/// <summary>Change a bookmark's note (null or empty clears it).</summary>
public sealed record UpdateBookmarkRequest(string? Note);

/// <summary>The <c>bookmark.deleted</c> event, to the owner's other devices.</summary>
public sealed record BookmarkDeleted(Guid Id);
