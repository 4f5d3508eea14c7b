using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Core.Http;
using Parley.Core.Security;
using Parley.Mail.Api;
using Parley.Mail.Storage;

namespace Parley.Mail.Suppression;

/// <summary><c>/api/mail/suppressions</c>: the addresses Parley will not send to; added by bounces, complaints or by hand.</summary>
internal static class SuppressionsApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var suppressions = endpoints.MapGroup("/api/mail/suppressions").WithTags("Mail");
        suppressions.MapGet("/", ListAsync).RequirePermission(Permissions.MailMessagesRead);
        suppressions.MapPost("/", AddAsync).RequirePermission(Permissions.MailMessagesSend);
        suppressions.MapDelete("/{address}", RemoveAsync).RequirePermission(Permissions.MailMessagesSend);
    }

    private static async Task<Results<Ok<MailPage<SuppressionView>>, ProblemHttpResult>> ListAsync(string? cursor, int? limit, MailDbContext db, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryParse(cursor, limit, out var page, out var problem))
        {
            return problem!;
        }
        var query = db.SuppressedAddresses.AsNoTracking();
        if (page.After is { } at && page.AfterKey is { } after)
        {
            query = query.Where(s => s.CreatedAt < at || (s.CreatedAt == at && string.Compare(s.Address, after) > 0));
        }
        var rows = await query.OrderByDescending(s => s.CreatedAt).ThenBy(s => s.Address).Take(page.Limit + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(page.Page(rows, SuppressionView.From, s => (s.CreatedAt, s.Address)));
    }

    private static async Task<Results<Created<SuppressionView>, ProblemHttpResult>> AddAsync(
        AddSuppressionRequest request, MailDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!MailAddresses.IsValid(request.Address))
        {
            errors["address"] = ["must be an email address"];
        }
        if ((request.Reason ?? SuppressionReasons.Manual) != SuppressionReasons.Manual)
        {
            errors["reason"] = ["must be \"manual\"; bounces and complaints are recorded by Parley"];
        }
        if (errors.Count > 0)
        {
            return ApiProblem.Validation(errors);
        }
        var address = request.Address!.Trim().ToLowerInvariant();
        if (await db.SuppressedAddresses.AnyAsync(s => s.Address == address, cancellationToken))
        {
            return ApiProblem.Conflict("suppression_exists", $"{address} is already suppressed.");
        }
        var row = new SuppressedAddress { Address = address, Reason = SuppressionReasons.Manual, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.SuppressedAddresses.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return ApiProblem.Conflict("suppression_exists", $"{address} is already suppressed.");
        }
        return TypedResults.Created($"/api/mail/suppressions/{Uri.EscapeDataString(address)}", SuppressionView.From(row));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(string address, MailDbContext db, CancellationToken cancellationToken)
    {
        var normalized = address.Trim().ToLowerInvariant();
        var removed = await db.SuppressedAddresses.Where(s => s.Address == normalized).ExecuteDeleteAsync(cancellationToken);
        return removed == 0
            ? ApiProblem.NotFound("suppression_not_found", "This address is not suppressed.")
            : TypedResults.NoContent();
    }
}

internal sealed record AddSuppressionRequest(string? Address, string? Reason);

internal sealed record SuppressionView(string Address, string Reason, DateTime CreatedAt, string? SourceMessageId)
{
    public static SuppressionView From(SuppressedAddress s) => new(s.Address, s.Reason, s.CreatedAt, s.SourceMessageId);
}
