using System.ComponentModel.DataAnnotations;

namespace Parley.Modmail.Panel;

/// <summary>The <c>Modmail:Panel</c> section: the limits of the ticket panel's API and of the external API's keys.</summary>
public sealed class PanelOptions
{
    public const string Section = "Modmail:Panel";

    /// <summary>Ticket categories per desk.</summary>
    [Range(1, 1000)]
    public int MaxCategoriesPerDesk { get; set; } = 50;

    /// <summary>Snippets on the server (the seed's snippets are shared by every desk).</summary>
    [Range(1, 100_000)]
    public int MaxSnippets { get; set; } = 1000;

    /// <summary>Live (active) API keys per desk.</summary>
    [Range(1, 10_000)]
    public int MaxApiKeysPerDesk { get; set; } = 50;

    /// <summary>The most messages a transcript (the ticket view and its exports) holds; longer tickets are cut with a note.</summary>
    [Range(100, 1_000_000)]
    public int MaxTranscriptMessages { get; set; } = 20_000;

    /// <summary>An API key's <c>last_used_at</c> is written at most this often, so a busy key does not write on every call.</summary>
    [Range(1, 86_400)]
    public int ApiKeyUsageResolutionSeconds { get; set; } = 60;
}
