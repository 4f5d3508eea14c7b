using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parley.Core.Http;
using Parley.Core.Jobs;
using Parley.Core.Storage;

namespace Parley.Core.Webhooks;

/// <summary>
/// The one way any module sends webhooks. <see cref="EnqueueAsync"/> adds a delivery and its job to
/// the module's own context, unsaved, so the event goes out if and only if the module's write commits.
/// </summary>
public sealed class WebhookPublisher(IServiceScopeFactory scopes, JobQueue jobs, TimeProvider clock, IOptionsMonitor<WebhooksOptions> options)
{
    /// <summary>Bodies are snake_case JSON, like the API.</summary>
    internal static readonly JsonSerializerOptions BodyJson = CreateBodyJson();

    /// <summary>
    /// Queues <paramref name="data"/> as a <paramref name="eventType"/> event for every active or warning
    /// endpoint subscribed to it (or to <c>*</c>). Returns how many deliveries were added to <paramref name="db"/>.
    /// </summary>
    public async Task<int> EnqueueAsync(ModuleDbContext db, string eventType, object data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventType);
        ArgumentNullException.ThrowIfNull(data);

        List<(Guid Id, string EventTypes)> endpoints;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var core = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
            endpoints = (await core.WebhookEndpoints.AsNoTracking()
                .Where(e => e.Status != WebhookEndpointStates.Disabled)
                .Select(e => new { e.Id, e.EventTypes })
                .ToListAsync(cancellationToken))
                .Select(e => (e.Id, e.EventTypes))
                .ToList();
        }

        var added = 0;
        foreach (var endpoint in endpoints.Where(e => Subscribes(e.EventTypes, eventType)))
        {
            Add(db, CoreWebhookEndpoints.SourceName, endpoint.Id, eventType, data);
            added++;
        }
        return added;
    }

    /// <summary>
    /// Adds one delivery of <paramref name="data"/> to endpoint <paramref name="endpointId"/> of the
    /// <paramref name="source"/> (<see cref="IWebhookEndpointSource.Name"/>) and its job to <paramref name="db"/>, unsaved.
    /// For modules that keep their own endpoints and choose the receivers themselves.
    /// </summary>
    public WebhookDelivery Add(ModuleDbContext db, string source, Guid endpointId, string eventType, object data)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventType);
        var now = clock.GetUtcNow().UtcDateTime;
        // The job's own attempt limit is only a backstop for lost leases; the schedule decides retries.
        var maxAttempts = WebhookRetrySchedule.Parse(options.CurrentValue.RetrySchedule).Count + 1 + 5;
        var delivery = new WebhookDelivery
        {
            EndpointId = endpointId,
            EventType = eventType,
            Payload = "",
            CreatedAt = now,
            NextAttemptAt = now,
        };
        delivery.Payload = JsonSerializer.Serialize(new WebhookEnvelope(delivery.Id, eventType, now, data), BodyJson);
        db.WebhookDeliveries.Add(delivery);
        var payload = source == CoreWebhookEndpoints.SourceName
            ? new WebhookDeliveryJob.Payload(delivery.Id)
            : new WebhookDeliveryJob.Payload(delivery.Id, source);
        jobs.Enqueue(db, WebhookDeliveryJob.JobKind, payload, now, maxAttempts);
        return delivery;
    }

    internal static bool Subscribes(string eventTypesJson, string eventType)
    {
        var types = JsonSerializer.Deserialize<string[]>(eventTypesJson, BodyJson) ?? [];
        return types.Any(t => t == "*" || string.Equals(t, eventType, StringComparison.Ordinal));
    }

    private static JsonSerializerOptions CreateBodyJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        HttpRegistration.ConfigureJson(options);
        options.TypeInfoResolver = new DefaultJsonTypeInfoResolver();
        options.MakeReadOnly();
        return options;
    }
}

/// <summary>The body of every webhook: <c>{"id", "type", "created_at", "data"}</c>; <c>id</c> is the delivery id.</summary>
internal sealed record WebhookEnvelope(Guid Id, string Type, DateTime CreatedAt, object Data);
