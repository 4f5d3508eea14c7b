using System.ComponentModel.DataAnnotations;

namespace Parley.Mail.AuthKeys;

/// <summary>The <c>Mail:Auth</c> section: the JWTs organizations sign with their registered keys.</summary>
public sealed class MailAuthOptions
{
    public const string Section = "Mail:Auth";

    /// <summary>How far ahead a token's <c>exp</c> may lie: a leaked token is good for at most this long.</summary>
    [Range(1, 1440)]
    public int MaxTokenLifetimeMinutes { get; set; } = 60;

    /// <summary>Tolerance for clocks that disagree, on <c>exp</c> and <c>nbf</c>.</summary>
    [Range(0, 300)]
    public int ClockSkewSeconds { get; set; } = 30;
}
