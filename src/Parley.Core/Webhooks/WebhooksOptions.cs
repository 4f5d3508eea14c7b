using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Parley.Core.Webhooks;

/// <summary>Outgoing webhooks: the <c>Webhooks</c> configuration section.</summary>
public sealed class WebhooksOptions
{
    public const string Section = "Webhooks";

    /// <summary>How long one delivery attempt may take, connect to last byte.</summary>
    [Range(1, 300)]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Consecutive failures after which an endpoint shows <c>warning</c>.</summary>
    [Range(1, 100_000)]
    public int WarningAfterFailures { get; set; } = 3;

    /// <summary>Consecutive failures after which an endpoint is <c>disabled</c> and gets nothing more.</summary>
    [Range(1, 100_000)]
    public int DisableAfterFailures { get; set; } = 15;

    /// <summary>Delays between the attempts of one delivery, e.g. <c>30s, 2m, 10m, 1h, 6h, 24h</c>; after the last, the delivery has failed.</summary>
    [Required]
    public string RetrySchedule { get; set; } = "30s, 2m, 10m, 1h, 6h, 24h";

    /// <summary>
    /// Lets endpoints target loopback, private, link-local and similar addresses. Off by default so
    /// whoever may create endpoints cannot make the server probe its own network.
    /// </summary>
    public bool AllowPrivateTargets { get; set; }
}

internal sealed class WebhooksOptionsValidator : IValidateOptions<WebhooksOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhooksOptions options)
    {
        var failures = new List<string>();
        if (options.DisableAfterFailures < options.WarningAfterFailures)
        {
            failures.Add("Webhooks:DisableAfterFailures: must not be less than Webhooks:WarningAfterFailures");
        }
        if (!WebhookRetrySchedule.TryParse(options.RetrySchedule, out _, out var error))
        {
            failures.Add("Webhooks:RetrySchedule: " + error);
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
