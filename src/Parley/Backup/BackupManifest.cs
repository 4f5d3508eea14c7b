using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parley.Backup;

/// <summary>
/// <c>manifest.json</c>, written last into a backup archive (so a truncated archive has none):
/// what the archive holds and what it was taken from.
/// </summary>
internal sealed record BackupManifest
{
    public const string Kind = "parley-backup";
    public const int CurrentFormatVersion = 1;

    public string Format { get; init; } = Kind;
    public int FormatVersion { get; init; } = CurrentFormatVersion;
    public required DateTimeOffset CreatedAt { get; init; }
    public required string ParleyVersion { get; init; }
    public required string Provider { get; init; }
    public required IReadOnlyList<ModuleBackup> Modules { get; init; }
    public required BlobsBackup Blobs { get; init; }

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // The manifest is read by people too: keep '+' in versions as it is.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}

/// <summary>One module's database in the archive (<c>databases/&lt;name&gt;.db</c>).</summary>
internal sealed record ModuleBackup(
    string Name,
    string File,
    long SizeBytes,
    IReadOnlyList<string> Migrations,
    IReadOnlyDictionary<string, long> RowCounts);

/// <summary>Whether blobs are in the archive (<c>blobs/ab/cd/&lt;key&gt;</c>) and how many.</summary>
internal sealed record BlobsBackup(bool Included, int Count, long SizeBytes, string? Note = null);
