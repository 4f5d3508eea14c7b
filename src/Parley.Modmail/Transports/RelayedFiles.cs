using Parley.Chat.Bots;

namespace Parley.Modmail.Transports;

/// <summary>
/// Which files of a message are relayed as files: at most <see cref="ModmailOptions.MaxFilesPerMessage"/>, each at most
/// <see cref="ModmailOptions.MaxAttachmentBytes"/> (the medium's own limits apply on top: Chat's upload size, Mail's
/// message size). What is left out is named to staff; the rest still goes.
/// </summary>
internal static class RelayedFiles
{
    /// <summary>The files within Modmail's limits, and the names of those left out with why.</summary>
    public static (IReadOnlyList<TicketAttachment> Relayed, IReadOnlyList<string> LeftOut) Split(IReadOnlyList<TicketAttachment> files, ModmailOptions options)
    {
        var relayed = new List<TicketAttachment>();
        var leftOut = new List<string>();
        foreach (var file in files)
        {
            if (file.Size > options.MaxAttachmentBytes)
            {
                leftOut.Add($"{file.FileName} (larger than {options.MaxAttachmentBytes} bytes)");
            }
            else if (relayed.Count >= options.MaxFilesPerMessage)
            {
                leftOut.Add($"{file.FileName} (more than {options.MaxFilesPerMessage} files)");
            }
            else
            {
                relayed.Add(file);
            }
        }
        return (relayed, leftOut);
    }

    public static BotFile ToBotFile(TicketAttachment file) => new(file.BlobKey, file.FileName, file.ContentType, file.Size);

    /// <summary>"a.pdf (too large), b.exe (blocked)" for a notice; null when nothing was left out.</summary>
    public static string? Describe(IReadOnlyList<BotFileRefusal>? refused, IReadOnlyList<string> leftOut)
    {
        var all = leftOut.Concat((refused ?? []).Select(r => $"{r.FileName} ({Why(r.Code)})")).ToList();
        return all.Count == 0 ? null : string.Join(", ", all);
    }

    private static string Why(string code) => code switch
    {
        "file_too_large" => "larger than Chat takes",
        "blocked_file" => "blocked by the moderators",
        "file_missing" => "gone from storage",
        _ => code,
    };
}
