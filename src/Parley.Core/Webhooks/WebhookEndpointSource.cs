namespace Parley.Core.Webhooks;

/// <summary>What the delivery job needs of an endpoint: where to post and the sealed secret to sign with.</summary>
/// <param name="Headers">
/// Extra request headers a module's source resolves for this delivery from its configuration in force (an account
/// webhook's <c>Authorization</c>): never stored with the delivery, never logged. A name in
/// <see cref="WebhookTransport.ReservedHeaders"/> is not sent (the source should have refused it at start-up).
/// </param>
public sealed record WebhookTarget(Guid Id, string Url, byte[] SecretCiphertext, bool Disabled, IReadOnlyDictionary<string, string>? Headers = null);

/// <summary>
/// A table of webhook endpoints the delivery job can deliver to and keep the health of: Core's
/// <c>webhook_endpoints</c> (<see cref="CoreWebhookEndpoints"/>), or a module's own (Mail's). A delivery's job
/// names its source; deliveries queued before sources existed name none and mean Core's.
/// Secrets are sealed with <see cref="Security.InstanceKeyring"/> under <see cref="WebhookDeliveryJob.SecretPurpose"/>.
/// </summary>
public interface IWebhookEndpointSource
{
    /// <summary>The name a delivery job carries (<c>core</c>, <c>mail</c>).</summary>
    string Name { get; }

    Task<WebhookTarget?> FindAsync(Guid endpointId, CancellationToken cancellationToken);

    /// <summary>A delivery succeeded: reset the failure count, back to active unless disabled.</summary>
    Task RecordSuccessAsync(Guid endpointId, DateTime now, CancellationToken cancellationToken);

    /// <summary>Counts one more consecutive failure (in the database, nodes race); the new count, or null when the endpoint is gone.</summary>
    Task<int?> RecordFailureAsync(Guid endpointId, DateTime now, CancellationToken cancellationToken);

    /// <summary>Active → warning.</summary>
    Task WarnAsync(Guid endpointId, CancellationToken cancellationToken);

    /// <summary>Disables the endpoint; true only for the call that flipped it.</summary>
    Task<bool> DisableAsync(Guid endpointId, CancellationToken cancellationToken);
}

/// <summary>What a module that keeps its own endpoints needs to reach them the way Core's deliveries do.</summary>
public static class WebhookTransport
{
    /// <summary>The HTTP client deliveries use: guarded against private targets, no redirects, no proxy.</summary>
    public const string HttpClientName = "parley.webhooks";

    /// <summary>The <see cref="Security.InstanceKeyring"/> purpose endpoint secrets are sealed under.</summary>
    public const string SecretPurpose = "webhook";

    /// <summary>
    /// Headers the delivery sets itself or the transport owns: a source's <see cref="WebhookTarget.Headers"/> cannot
    /// override them (case-insensitive).
    /// </summary>
    public static readonly IReadOnlySet<string> ReservedHeaders = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Content-Type", "Content-Length", "Content-Encoding", "Transfer-Encoding", "Host", "Connection", "Keep-Alive",
        "Upgrade", "Expect", "TE", "Trailer", "Proxy-Authorization", "Proxy-Connection",
        WebhookSigner.SignatureHeader, WebhookSigner.EventHeader, WebhookSigner.DeliveryHeader,
    };
}
