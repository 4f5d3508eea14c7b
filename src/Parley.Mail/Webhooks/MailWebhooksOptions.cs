using System.ComponentModel.DataAnnotations;

namespace Parley.Mail.Webhooks;

/// <summary>The <c>Mail:Webhooks</c> section (delivery itself follows Core's <c>Webhooks</c> section).</summary>
public sealed class MailWebhooksOptions
{
    public const string Section = "Mail:Webhooks";

    /// <summary>How long a new endpoint has to echo the verification challenge.</summary>
    [Range(1, 60)]
    public int VerificationTimeoutSeconds { get; set; } = 5;

    /// <summary>Most Mail webhook endpoints at once.</summary>
    [Range(1, 10_000)]
    public int MaxEndpoints { get; set; } = 100;
}
