using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Core.Audit;
using Parley.Core.Jobs;
using Parley.Core.Security;
using Parley.Core.Storage;

namespace Parley.Core.Webhooks;

/// <summary>
/// <c>webhooks.deliver</c>: one attempt at POSTing a delivery to its endpoint. A 2xx response
/// delivers it and restores the endpoint to <c>active</c>; anything else counts against the
/// endpoint (warning, then disabled) and retries on <see cref="WebhooksOptions.RetrySchedule"/>.
/// The endpoint comes from the source the job names (<see cref="IWebhookEndpointSource"/>): Core's table or a module's.
/// </summary>
internal sealed partial class WebhookDeliveryJob(
    CoreDbContext core,
    IEnumerable<IWebhookEndpointSource> sources,
    InstanceKeyring keyring,
    AuditLog audit,
    IHttpClientFactory httpClients,
    TimeProvider clock,
    IOptionsMonitor<WebhooksOptions> options,
    ILogger<WebhookDeliveryJob> logger) : IJobHandler
{
    public const string JobKind = "webhooks.deliver";
    public const string HttpClientName = WebhookTransport.HttpClientName;
    public const string SecretPurpose = WebhookTransport.SecretPurpose;
    private const int MaxErrorLength = 1000;

    /// <param name="Source">The <see cref="IWebhookEndpointSource.Name"/> holding the endpoint; null (older jobs) is Core's.</param>
    public sealed record Payload(Guid DeliveryId, string? Source = null);

    public string Kind => JobKind;

    public async Task ExecuteAsync(JobExecution job, CancellationToken cancellationToken)
    {
        var payload = job.Payload<Payload>();
        var deliveryId = payload.DeliveryId;
        var delivery = await job.Db.WebhookDeliveries.SingleOrDefaultAsync(d => d.Id == deliveryId, cancellationToken);
        if (delivery is null || delivery.Status != WebhookDeliveryStates.Pending)
        {
            return;
        }
        var sourceName = payload.Source ?? CoreWebhookEndpoints.SourceName;
        var source = sources.FirstOrDefault(s => s.Name == sourceName)
            ?? throw new InvalidOperationException($"No webhook endpoint source named '{sourceName}' is registered.");
        var endpoint = await source.FindAsync(delivery.EndpointId, cancellationToken);
        if (endpoint is null || endpoint.Disabled)
        {
            GiveUp(delivery, endpoint is null ? "The endpoint was deleted." : "The endpoint is disabled.");
            await job.Db.SaveChangesAsync(cancellationToken);
            return;
        }

        var (statusCode, error) = await SendAsync(endpoint, delivery, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        delivery.Attempts++;
        delivery.LastStatusCode = statusCode;
        if (error is null)
        {
            delivery.Status = WebhookDeliveryStates.Delivered;
            delivery.DeliveredAt = now;
            delivery.NextAttemptAt = null;
            delivery.LastError = null;
            await job.Db.SaveChangesAsync(cancellationToken);
            await source.RecordSuccessAsync(endpoint.Id, now, cancellationToken);
            return;
        }

        delivery.LastError = error;
        LogAttemptFailed(delivery.Id, endpoint.Id, delivery.Attempts, statusCode);
        var disabled = await RecordEndpointFailureAsync(source, endpoint.Id, now, cancellationToken);
        var schedule = WebhookRetrySchedule.Parse(options.CurrentValue.RetrySchedule);
        if (disabled || delivery.Attempts > schedule.Count)
        {
            GiveUp(delivery, error);
            await job.Db.SaveChangesAsync(cancellationToken);
            return;
        }
        var delay = schedule[delivery.Attempts - 1];
        delivery.NextAttemptAt = now + delay;
        await job.Db.SaveChangesAsync(cancellationToken);
        throw new JobRetryException(delay, error);
    }

    private async Task<(int? StatusCode, string? Error)> SendAsync(WebhookTarget endpoint, WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var secret = Encoding.UTF8.GetString(keyring.Decrypt(SecretPurpose, endpoint.SecretCiphertext));
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url);
        request.Content = new StringContent(delivery.Payload, Encoding.UTF8);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(WebhookSigner.SignatureHeader, WebhookSigner.Sign(secret, clock.GetUtcNow(), delivery.Payload));
        request.Headers.Add(WebhookSigner.EventHeader, delivery.EventType);
        request.Headers.Add(WebhookSigner.DeliveryHeader, delivery.Id.ToString());
        foreach (var (name, value) in endpoint.Headers ?? new Dictionary<string, string>())
        {
            // Values are the source's (secrets among them): added, never logged, never written to the delivery row.
            if (!WebhookTransport.ReservedHeaders.Contains(name))
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }
        var client = httpClients.CreateClient(HttpClientName);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            return (status, response.IsSuccessStatusCode ? null : string.Create(CultureInfo.InvariantCulture, $"HTTP {status} {response.ReasonPhrase}"));
        }
        catch (HttpRequestException ex)
        {
            return (null, Truncate(Describe(ex)));
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"No response within {client.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.");
        }
    }

    /// <summary>Counts a failure against the endpoint; true when the endpoint is (now) disabled.</summary>
    private async Task<bool> RecordEndpointFailureAsync(IWebhookEndpointSource source, Guid endpointId, DateTime now, CancellationToken cancellationToken)
    {
        var failures = await source.RecordFailureAsync(endpointId, now, cancellationToken);
        if (failures is null)
        {
            return true; // deleted meanwhile
        }
        var limits = options.CurrentValue;
        if (failures >= limits.DisableAfterFailures)
        {
            // Only the update that flips the status writes the audit entry.
            if (await source.DisableAsync(endpointId, cancellationToken))
            {
                audit.Add(core, "webhook.disabled", new { webhook_id = endpointId, source = source.Name, consecutive_failures = failures });
                await core.SaveChangesAsync(cancellationToken);
                LogEndpointDisabled(endpointId, failures.Value);
            }
            return true;
        }
        if (failures >= limits.WarningAfterFailures)
        {
            await source.WarnAsync(endpointId, cancellationToken);
        }
        return false;
    }

    private static void GiveUp(WebhookDelivery delivery, string error)
    {
        delivery.Status = WebhookDeliveryStates.Failed;
        delivery.LastError = Truncate(error);
        delivery.NextAttemptAt = null;
    }

    // The guard's refusal is the useful part; otherwise the transport's own message (host and port, never the URL's query).
    private static string Describe(HttpRequestException ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is WebhookTargetForbiddenException forbidden)
            {
                return forbidden.Message;
            }
        }
        return ex.InnerException is { } inner ? $"{ex.Message} ({inner.Message})" : ex.Message;
    }

    private static string Truncate(string error) => error.Length > MaxErrorLength ? error[..MaxErrorLength] : error;

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook delivery {DeliveryId} to endpoint {EndpointId} failed on attempt {Attempt} (status {StatusCode})")]
    private partial void LogAttemptFailed(Guid deliveryId, Guid endpointId, int attempt, int? statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook endpoint {EndpointId} disabled after {Failures} consecutive failures")]
    private partial void LogEndpointDisabled(Guid endpointId, int failures);
}
