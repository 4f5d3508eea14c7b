using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Audit;
using Parley.Core.Http;
using Parley.Core.Security;
using Parley.Core.Storage;

namespace Parley.Core.Webhooks;

/// <summary><c>/api/admin/webhooks</c>: endpoints that receive Parley's events, and their deliveries.</summary>
internal static partial class WebhooksApi
{
    private const int MaxEventTypes = 50;
    private const int DefaultDeliveries = 50;
    private const int MaxDeliveries = 500;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var webhooks = endpoints.MapGroup("/api/admin/webhooks").WithTags("Webhooks");
        webhooks.MapGet("/", ListAsync).RequirePermission(Permissions.WebhooksRead);
        webhooks.MapPost("/", CreateAsync).RequirePermission(Permissions.WebhooksWrite);
        webhooks.MapDelete("/{id:guid}", DeleteAsync).RequirePermission(Permissions.WebhooksWrite);
        webhooks.MapGet("/{id:guid}/deliveries", ListDeliveriesAsync).RequirePermission(Permissions.WebhooksRead);
    }

    private static async Task<Ok<List<WebhookEndpointView>>> ListAsync(CoreDbContext db, CancellationToken cancellationToken)
    {
        var endpoints = await db.WebhookEndpoints.AsNoTracking().OrderBy(e => e.CreatedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(endpoints.Select(WebhookEndpointView.From).ToList());
    }

    private static async Task<Results<Created<CreatedWebhookEndpoint>, ProblemHttpResult>> CreateAsync(
        CreateWebhookRequest request, CoreDbContext db, InstanceKeyring keyring, WebhookTargetGuard guard, AuditLog audit, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var errors = Validate(request, out var url, out var eventTypes);
        if (errors.Count > 0)
        {
            return ApiProblem.Validation(errors);
        }
        if (await guard.CheckAsync(url, cancellationToken) is { } refused)
        {
            return ApiProblem.BadRequest(refused.Code, refused.Detail);
        }

        var secret = WebhookSigner.NewSecret();
        var now = clock.GetUtcNow().UtcDateTime;
        var endpoint = new WebhookEndpoint
        {
            Url = url.AbsoluteUri,
            Description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim(),
            EventTypes = JsonSerializer.Serialize(eventTypes),
            SecretCiphertext = keyring.Encrypt(WebhookDeliveryJob.SecretPurpose, Encoding.UTF8.GetBytes(secret)),
            CreatedBy = http.User.UserId(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.WebhookEndpoints.Add(endpoint);
        audit.Add(db, "webhook.created", new { webhook_id = endpoint.Id, url = endpoint.Url });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/admin/webhooks/{endpoint.Id}", CreatedWebhookEndpoint.From(endpoint, secret));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, CoreDbContext db, AuditLog audit, CancellationToken cancellationToken)
    {
        var endpoint = await db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (endpoint is null)
        {
            return ApiProblem.NotFound("webhook_not_found", "No webhook endpoint has this id.");
        }
        // Deliveries still queued for it find it gone and are marked failed.
        db.WebhookEndpoints.Remove(endpoint);
        audit.Add(db, "webhook.deleted", new { webhook_id = id });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<List<WebhookDeliveryView>>, ProblemHttpResult>> ListDeliveriesAsync(
        Guid id, int? limit, CoreDbContext db, [FromServices] IEnumerable<ModuleDatabase> modules, HttpContext http, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxDeliveries)
        {
            return ApiProblem.Validation(new Dictionary<string, string[]> { ["limit"] = [$"must be between 1 and {MaxDeliveries}"] });
        }
        if (!await db.WebhookEndpoints.AnyAsync(e => e.Id == id, cancellationToken))
        {
            return ApiProblem.NotFound("webhook_not_found", "No webhook endpoint has this id.");
        }
        var take = limit ?? DefaultDeliveries;
        var deliveries = new List<WebhookDeliveryView>();
        // Every module keeps its own deliveries next to the writes that caused them.
        foreach (var module in modules)
        {
            var moduleDb = (ModuleDbContext)http.RequestServices.GetRequiredService(module.ContextType);
            deliveries.AddRange(await moduleDb.WebhookDeliveries.AsNoTracking()
                .Where(d => d.EndpointId == id)
                .OrderByDescending(d => d.CreatedAt)
                .Take(take)
                .Select(d => new WebhookDeliveryView(d.Id, module.Name, d.EventType, d.Status, d.Attempts, d.LastStatusCode, d.LastError, d.CreatedAt, d.NextAttemptAt, d.DeliveredAt))
                .ToListAsync(cancellationToken));
        }
        return TypedResults.Ok(deliveries.OrderByDescending(d => d.CreatedAt).Take(take).ToList());
    }

    private static Dictionary<string, string[]> Validate(CreateWebhookRequest request, out Uri url, out string[] eventTypes)
    {
        var errors = new Dictionary<string, string[]>();
        url = null!;
        if (request.Url is not { Length: > 0 and <= 2048 }
            || !Uri.TryCreate(request.Url, UriKind.Absolute, out var parsed)
            || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps))
        {
            errors["url"] = ["must be an absolute http or https URL of at most 2048 characters"];
        }
        else if (parsed.UserInfo.Length > 0)
        {
            errors["url"] = ["must not carry credentials; authenticate deliveries with the signature"];
        }
        else
        {
            url = parsed;
        }

        eventTypes = (request.EventTypes ?? []).Select(t => t.Trim()).Distinct(StringComparer.Ordinal).ToArray();
        if (eventTypes.Length is 0 or > MaxEventTypes)
        {
            errors["event_types"] = [$"must list 1 to {MaxEventTypes} event types, or \"*\" for all"];
        }
        else if (!eventTypes.All(t => t == "*" || EventTypePattern().IsMatch(t)))
        {
            errors["event_types"] = ["each must look like 'chat.message_posted' (lower case, dots, underscores) or be \"*\""];
        }

        if (request.Description is { Length: > 500 })
        {
            errors["description"] = ["must be at most 500 characters"];
        }
        return errors;
    }

    [GeneratedRegex("^[a-z0-9_]+(\\.[a-z0-9_]+)*$")]
    private static partial Regex EventTypePattern();
}

internal sealed record CreateWebhookRequest(string? Url, IReadOnlyList<string>? EventTypes, string? Description);

internal sealed record WebhookEndpointView(
    Guid Id,
    string Url,
    string? Description,
    IReadOnlyList<string> EventTypes,
    string Status,
    int ConsecutiveFailures,
    DateTime? LastSuccessAt,
    DateTime? LastFailureAt,
    DateTime CreatedAt)
{
    public static WebhookEndpointView From(WebhookEndpoint e) => new(
        e.Id, e.Url, e.Description, JsonSerializer.Deserialize<string[]>(e.EventTypes) ?? [], e.Status,
        e.ConsecutiveFailures, e.LastSuccessAt, e.LastFailureAt, e.CreatedAt);
}

/// <summary>The answer to creating an endpoint: the only time its secret is shown.</summary>
internal sealed record CreatedWebhookEndpoint(
    Guid Id,
    string Url,
    string? Description,
    IReadOnlyList<string> EventTypes,
    string Status,
    string Secret,
    DateTime CreatedAt)
{
    public static CreatedWebhookEndpoint From(WebhookEndpoint e, string secret) => new(
        e.Id, e.Url, e.Description, JsonSerializer.Deserialize<string[]>(e.EventTypes) ?? [], e.Status, secret, e.CreatedAt);
}

internal sealed record WebhookDeliveryView(
    Guid Id,
    string Module,
    string EventType,
    string Status,
    int Attempts,
    int? LastStatusCode,
    string? LastError,
    DateTime CreatedAt,
    DateTime? NextAttemptAt,
    DateTime? DeliveredAt);
