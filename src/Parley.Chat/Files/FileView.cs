namespace Parley.Chat.Files;

/// <summary>
/// An uploaded file as clients see it. <see cref="Name"/> is the client's name for it, stored as sent
/// (sealed by clients of encrypted channels); <see cref="Checksum"/> is the SHA-256 of the bytes.
/// </summary>
public sealed record FileView(
    Guid Id, string Name, long SizeBytes, string? ContentType, string Checksum, Guid? ChannelId, DateTime CreatedAt, bool Quarantined)
{
    internal static FileView From(ChatFile f) =>
        new(f.Id, f.EncryptedName, f.SizeBytes, f.ContentType, f.Checksum, f.ChannelId, f.CreatedAt, f.QuarantinedAt != null);
}

/// <summary>The <c>file.updated</c> event: a moderator quarantined or released a file of the channel.</summary>
public sealed record FileUpdated(Guid ChannelId, FileView File);
