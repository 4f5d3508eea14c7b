using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Core.Http;
using Parley.Core.Security;
using Parley.Core.Webhooks;
using Parley.Mail.Api;
using Parley.Mail.Storage;

namespace Parley.Mail.Webhooks;

/// <summary>
/// <c>/api/mail/webhooks</c>: receivers of Mail's events, optionally scoped to inboxes, registered only after they
/// echo a verification challenge; and their deliveries. A JWT bound to inboxes manages only endpoints scoped
/// within its inboxes.
/// </summary>
internal static class MailWebhooksApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var webhooks = endpoints.MapGroup("/api/mail/webhooks").WithTags("Mail");
        webhooks.MapPost("/", CreateAsync).RequirePermission(Permissions.MailWebhooksManage);
        webhooks.MapGet("/", ListAsync).RequirePermission(Permissions.MailWebhooksManage);
        webhooks.MapGet("/{id:guid}", GetAsync).RequirePermission(Permissions.MailWebhooksManage);
        webhooks.MapDelete("/{id:guid}", DeleteAsync).RequirePermission(Permissions.MailWebhooksManage);
        webhooks.MapGet("/{id:guid}/deliveries", DeliveriesAsync).RequirePermission(Permissions.MailWebhooksManage);
    }

    private static async Task<Results<Created<CreatedMailWebhook>, ProblemHttpResult>> CreateAsync(
        CreateMailWebhookRequest request, ClaimsPrincipal user, MailDbContext db, InstanceKeyring keyring, WebhookTargetGuard guard,
        WebhookVerification verification, IOptionsMonitor<MailWebhooksOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        Uri? url = null;
        if (request.Url is not { Length: > 0 and <= 2048 }
            || !Uri.TryCreate(request.Url, UriKind.Absolute, out url)
            || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            errors["url"] = ["must be an absolute http or https URL of at most 2048 characters"];
        }
        else if (url.UserInfo.Length > 0)
        {
            errors["url"] = ["must not carry credentials; authenticate deliveries with the signature"];
        }
        var events = (request.Events ?? []).Distinct(StringComparer.Ordinal).ToArray();
        if (events.Length == 0 || !events.All(e => MailEventTypes.All.Contains(e, StringComparer.Ordinal)))
        {
            errors["events"] = ["must list one or more of " + string.Join(", ", MailEventTypes.All)];
        }
        var inboxIds = request.InboxIds?.Distinct().ToArray();
        if (inboxIds is { Length: 0 or > 1000 })
        {
            errors["inbox_ids"] = ["must list 1–1000 inbox ids, or be left out for every inbox"];
        }
        if (errors.Count > 0)
        {
            return ApiProblem.Validation(errors);
        }
        var caller = MailCaller.From(user);
        if (caller.IsBound && (inboxIds is null || !inboxIds.All(caller.MaySee)))
        {
            return ApiProblem.Forbidden("inbox_bound_token", "A token bound to inboxes may only register endpoints scoped to its inboxes (inbox_ids).");
        }
        if (inboxIds is not null)
        {
            var known = await db.Inboxes.CountAsync(i => inboxIds.Contains(i.Id) && i.DeletedAt == null, cancellationToken);
            if (known != inboxIds.Length)
            {
                return PageRequest.Invalid("inbox_ids", "names an inbox that does not exist");
            }
        }
        if (await db.WebhookEndpoints.CountAsync(cancellationToken) >= options.CurrentValue.MaxEndpoints)
        {
            return ApiProblem.Conflict("webhook_limit_reached", $"At most {options.CurrentValue.MaxEndpoints} Mail webhook endpoints may exist (Mail:Webhooks:MaxEndpoints).");
        }
        if (await guard.CheckAsync(url!, cancellationToken) is { } refused)
        {
            return ApiProblem.BadRequest(refused.Code, refused.Detail);
        }
        var secret = WebhookSigner.NewSecret();
        if (await verification.VerifyAsync(url!, secret, cancellationToken) is { } failure)
        {
            return ApiProblem.Create(422, "webhook_verification_failed", failure);
        }
        var endpoint = new MailWebhookEndpoint
        {
            Url = url!.AbsoluteUri,
            Secret = keyring.Encrypt(WebhookTransport.SecretPurpose, Encoding.UTF8.GetBytes(secret)),
            Events = events,
            InboxIds = inboxIds,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.WebhookEndpoints.Add(endpoint);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/mail/webhooks/{endpoint.Id}", CreatedMailWebhook.From(endpoint, secret));
    }

    private static async Task<Results<Ok<MailPage<MailWebhookView>>, ProblemHttpResult>> ListAsync(
        string? cursor, int? limit, ClaimsPrincipal user, MailDbContext db, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryParse(cursor, limit, out var page, out var problem))
        {
            return problem!;
        }
        var query = db.WebhookEndpoints.AsNoTracking();
        if (page.After is { } at && page.AfterGuid is { } afterId)
        {
            query = query.Where(e => e.CreatedAt > at || (e.CreatedAt == at && e.Id.CompareTo(afterId) > 0));
        }
        var caller = MailCaller.From(user);
        // Scoping is filtered here rather than in SQL (arrays differ between providers); a bound token pages over fewer.
        var rows = (await query.OrderBy(e => e.CreatedAt).ThenBy(e => e.Id).Take(page.Limit + 1).ToListAsync(cancellationToken));
        var visible = rows.Where(e => Visible(caller, e)).ToList();
        var result = page.Page(rows, e => e, e => (e.CreatedAt, e.Id.ToString()));
        return TypedResults.Ok(new MailPage<MailWebhookView>(result.Items.Where(visible.Contains).Select(MailWebhookView.From).ToList(), result.NextCursor));
    }

    private static async Task<Results<Ok<MailWebhookView>, ProblemHttpResult>> GetAsync(Guid id, ClaimsPrincipal user, MailDbContext db, CancellationToken cancellationToken) =>
        await FindAsync(db, user, id, cancellationToken) is { } endpoint ? TypedResults.Ok(MailWebhookView.From(endpoint)) : NotFound();

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, ClaimsPrincipal user, MailDbContext db, CancellationToken cancellationToken)
    {
        if (await FindAsync(db, user, id, cancellationToken) is not { } endpoint)
        {
            return NotFound();
        }
        // Deliveries still queued for it find it gone and are marked failed.
        db.WebhookEndpoints.Remove(endpoint);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<MailPage<MailWebhookDeliveryView>>, ProblemHttpResult>> DeliveriesAsync(
        Guid id, string? cursor, int? limit, ClaimsPrincipal user, MailDbContext db, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryParse(cursor, limit, out var page, out var problem))
        {
            return problem!;
        }
        if (await FindAsync(db, user, id, cancellationToken) is null)
        {
            return NotFound();
        }
        var query = db.WebhookDeliveries.AsNoTracking().Where(d => d.EndpointId == id);
        if (page.After is { } at && page.AfterGuid is { } afterId)
        {
            query = query.Where(d => d.CreatedAt < at || (d.CreatedAt == at && d.Id.CompareTo(afterId) < 0));
        }
        var rows = await query.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Take(page.Limit + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(page.Page(rows, d => new MailWebhookDeliveryView(d.Id, d.EventType, d.Status, d.Attempts, d.NextAttemptAt, d.CreatedAt, d.LastStatusCode, d.LastError),
            d => (d.CreatedAt, d.Id.ToString())));
    }

    private static async Task<MailWebhookEndpoint?> FindAsync(MailDbContext db, ClaimsPrincipal user, Guid id, CancellationToken cancellationToken)
    {
        var endpoint = await db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        return endpoint is not null && Visible(MailCaller.From(user), endpoint) ? endpoint : null;
    }

    /// <summary>A bound token sees endpoints scoped entirely within its inboxes.</summary>
    private static bool Visible(MailCaller caller, MailWebhookEndpoint endpoint) =>
        !caller.IsBound || (endpoint.InboxIds is { Length: > 0 } scoped && scoped.All(caller.MaySee));

    private static ProblemHttpResult NotFound() => ApiProblem.NotFound("webhook_not_found", "No Mail webhook endpoint has this id.");
}

internal sealed record CreateMailWebhookRequest(string? Url, IReadOnlyList<string>? Events, IReadOnlyList<Guid>? InboxIds);

internal sealed record MailWebhookView(
    Guid Id, string Url, IReadOnlyList<string> Events, IReadOnlyList<Guid>? InboxIds, string Status, int FailureCount,
    DateTime? LastSuccessAt, DateTime? LastFailureAt, DateTime CreatedAt)
{
    public static MailWebhookView From(MailWebhookEndpoint e) =>
        new(e.Id, e.Url, e.Events, e.InboxIds, e.Status, e.FailureCount, e.LastSuccessAt, e.LastFailureAt, e.CreatedAt);
}

/// <summary>The answer to registering an endpoint: the only time its secret is shown.</summary>
internal sealed record CreatedMailWebhook(
    Guid Id, string Url, IReadOnlyList<string> Events, IReadOnlyList<Guid>? InboxIds, string Status, string Secret, DateTime CreatedAt)
{
    public static CreatedMailWebhook From(MailWebhookEndpoint e, string secret) => new(e.Id, e.Url, e.Events, e.InboxIds, e.Status, secret, e.CreatedAt);
}

internal sealed record MailWebhookDeliveryView(
    Guid Id, string EventType, string Status, int Attempts, DateTime? NextAttemptAt, DateTime CreatedAt, int? LastStatusCode, string? LastError);
