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
/// </summary>
internal sealed partial class WebhookDeliveryJob(
    CoreDbContext core,
    InstanceKeyring keyring,
    AuditLog audit,
    IHttpClientFactory httpClients,
    TimeProvider clock,
    IOptionsMonitor<WebhooksOptions> options,
    ILogger<WebhookDeliveryJob> logger) : IJobHandler
{
    public const string JobKind = "webhooks.deliver";
    public const string HttpClientName = "parley.webhooks";
    public const string SecretPurpose = "webhook";
    private const int MaxErrorLength = 1000;

    public sealed record Payload(Guid DeliveryId);

    public string Kind => JobKind;

    public async Task ExecuteAsync(JobExecution job, CancellationToken cancellationToken)
    {
        var deliveryId = job.Payload<Payload>().DeliveryId;
        var delivery = await job.Db.WebhookDeliveries.SingleOrDefaultAsync(d => d.Id == deliveryId, cancellationToken);
        if (delivery is null || delivery.Status != WebhookDeliveryStates.Pending)
        {
            return;
        }
        var endpoint = await core.WebhookEndpoints.AsNoTracking().SingleOrDefaultAsync(e => e.Id == delivery.EndpointId, cancellationToken);
        if (endpoint is null || endpoint.Status == WebhookEndpointStates.Disabled)
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
            delivery.Status = WebhookDeliveryStates.Succeeded;
            delivery.DeliveredAt = now;
            delivery.NextAttemptAt = null;
            delivery.LastError = null;
            await job.Db.SaveChangesAsync(cancellationToken);
            await RecordEndpointSuccessAsync(endpoint.Id, now, cancellationToken);
            return;
        }

        delivery.LastError = error;
        LogAttemptFailed(delivery.Id, endpoint.Id, delivery.Attempts, statusCode);
        var disabled = await RecordEndpointFailureAsync(endpoint.Id, now, cancellationToken);
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

    private async Task<(int? StatusCode, string? Error)> SendAsync(WebhookEndpoint endpoint, WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var secret = Encoding.UTF8.GetString(keyring.Decrypt(SecretPurpose, endpoint.SecretCiphertext));
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url);
        request.Content = new StringContent(delivery.Payload, Encoding.UTF8);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(WebhookSigner.SignatureHeader, WebhookSigner.Sign(secret, clock.GetUtcNow(), delivery.Payload));
        request.Headers.Add(WebhookSigner.EventHeader, delivery.EventType);
        request.Headers.Add(WebhookSigner.DeliveryHeader, delivery.Id.ToString());
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

    private async Task RecordEndpointSuccessAsync(Guid endpointId, DateTime now, CancellationToken cancellationToken)
    {
        // A disabled endpoint stays disabled: only people turn it back on.
        await core.WebhookEndpoints
            .Where(e => e.Id == endpointId && e.Status != WebhookEndpointStates.Disabled)
            .ExecuteUpdateAsync(s => s
                .SetProperty(e => e.ConsecutiveFailures, 0)
                .SetProperty(e => e.Status, WebhookEndpointStates.Active)
                .SetProperty(e => e.LastSuccessAt, now)
                .SetProperty(e => e.UpdatedAt, now), cancellationToken);
    }

    /// <summary>Counts a failure against the endpoint; true when the endpoint is (now) disabled.</summary>
    private async Task<bool> RecordEndpointFailureAsync(Guid endpointId, DateTime now, CancellationToken cancellationToken)
    {
        // Increment in the database: deliveries to one endpoint may fail at the same time on several nodes.
        var endpoint = core.WebhookEndpoints.Where(e => e.Id == endpointId);
        await endpoint.ExecuteUpdateAsync(s => s
            .SetProperty(e => e.ConsecutiveFailures, e => e.ConsecutiveFailures + 1)
            .SetProperty(e => e.LastFailureAt, now)
            .SetProperty(e => e.UpdatedAt, now), cancellationToken);
        var failures = await endpoint.Select(e => (int?)e.ConsecutiveFailures).SingleOrDefaultAsync(cancellationToken);
        if (failures is null)
        {
            return true; // deleted meanwhile
        }
        var limits = options.CurrentValue;
        if (failures >= limits.DisableAfterFailures)
        {
            // Only the update that flips the status writes the audit entry.
            var flipped = await endpoint.Where(e => e.Status != WebhookEndpointStates.Disabled)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, WebhookEndpointStates.Disabled), cancellationToken);
            if (flipped == 1)
            {
                audit.Add(core, "webhook.disabled", new { webhook_id = endpointId, consecutive_failures = failures });
                await core.SaveChangesAsync(cancellationToken);
                LogEndpointDisabled(endpointId, failures.Value);
            }
            return true;
        }
        if (failures >= limits.WarningAfterFailures)
        {
            await endpoint.Where(e => e.Status == WebhookEndpointStates.Active)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, WebhookEndpointStates.Warning), cancellationToken);
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
