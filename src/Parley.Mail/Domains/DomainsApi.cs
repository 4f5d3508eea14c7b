using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Core.Http;
using Parley.Core.Security;
using Parley.Mail.Api;
using Parley.Mail.Outbound;
using Parley.Mail.Storage;

namespace Parley.Mail.Domains;

/// <summary><c>/api/mail/domains</c>: the domains Parley sends and receives for, their DNS records and verification.</summary>
internal static class DomainsApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var domains = endpoints.MapGroup("/api/mail/domains").WithTags("Mail");
        domains.MapPost("/", CreateAsync).RequirePermission(Permissions.MailDomainsManage);
        domains.MapGet("/", ListAsync).RequirePermission(Permissions.MailDomainsManage);
        domains.MapGet("/{id:guid}", GetAsync).RequirePermission(Permissions.MailDomainsManage);
        domains.MapPatch("/{id:guid}", PatchAsync).RequirePermission(Permissions.MailDomainsManage);
        domains.MapPost("/{id:guid}/verify", VerifyAsync).RequirePermission(Permissions.MailDomainsManage);
        domains.MapDelete("/{id:guid}", DeleteAsync).RequirePermission(Permissions.MailDomainsManage);
    }

    private static async Task<Results<Created<DomainView>, ProblemHttpResult>> CreateAsync(
        CreateDomainRequest request, MailDbContext db, DkimKeys dkim, IOptionsMonitor<MailOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var name = DomainNames.Normalize(request.Name, out var nameError);
        if (nameError is not null)
        {
            errors["name"] = [nameError];
        }
        var settings = new DomainSettings(request.FromName, request.ReplyToAddress, request.BounceAddress);
        settings.Validate(errors);
        if (errors.Count > 0)
        {
            return ApiProblem.Validation(errors);
        }
        if (await db.Domains.AnyAsync(d => d.Name == name && d.DeletedAt == null, cancellationToken))
        {
            return ApiProblem.Conflict("domain_exists", $"The domain {name} is already added.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var domain = new MailDomain { Name = name!, CreatedAt = now, UpdatedAt = now };
        settings.ApplyTo(domain);
        dkim.Assign(domain);
        domain.DkimTokens = [domain.DkimSelector];
        db.Domains.Add(domain);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/mail/domains/{domain.Id}", DomainView.From(domain, options.CurrentValue.Hostname));
    }

    private static async Task<Results<Ok<MailPage<DomainView>>, ProblemHttpResult>> ListAsync(
        string? cursor, int? limit, MailDbContext db, IOptionsMonitor<MailOptions> options, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryParse(cursor, limit, out var page, out var problem))
        {
            return problem!;
        }
        var query = db.Domains.AsNoTracking().Where(d => d.DeletedAt == null);
        if (page.After is { } at && page.AfterGuid is { } afterId)
        {
            query = query.Where(d => d.CreatedAt > at || (d.CreatedAt == at && d.Id.CompareTo(afterId) > 0));
        }
        var rows = await query.OrderBy(d => d.CreatedAt).ThenBy(d => d.Id).Take(page.Limit + 1).ToListAsync(cancellationToken);
        var hostname = options.CurrentValue.Hostname;
        return TypedResults.Ok(page.Page(rows, d => DomainView.From(d, hostname), d => (d.CreatedAt, d.Id.ToString())));
    }

    private static async Task<Results<Ok<DomainView>, ProblemHttpResult>> GetAsync(
        Guid id, MailDbContext db, IOptionsMonitor<MailOptions> options, CancellationToken cancellationToken) =>
        await FindAsync(db, id, cancellationToken) is { } domain
            ? TypedResults.Ok(DomainView.From(domain, options.CurrentValue.Hostname))
            : NotFound();

    private static async Task<Results<Ok<DomainView>, ProblemHttpResult>> PatchAsync(
        Guid id, UpdateDomainRequest request, MailDbContext db, IOptionsMonitor<MailOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var domain = await FindAsync(db, id, cancellationToken);
        if (domain is null)
        {
            return NotFound();
        }
        var errors = new Dictionary<string, string[]>();
        var settings = new DomainSettings(request.FromName ?? domain.FromName, request.ReplyToAddress ?? domain.ReplyToAddress, request.BounceAddress ?? domain.BounceAddress);
        settings.Validate(errors);
        if (errors.Count > 0)
        {
            return ApiProblem.Validation(errors);
        }
        settings.ApplyTo(domain);
        domain.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(DomainView.From(domain, options.CurrentValue.Hostname));
    }

    private static async Task<Results<Ok<DomainView>, ProblemHttpResult>> VerifyAsync(
        Guid id, MailDbContext db, DomainVerifier verifier, IOptionsMonitor<MailOptions> options, CancellationToken cancellationToken)
    {
        var domain = await FindAsync(db, id, cancellationToken);
        if (domain is null)
        {
            return NotFound();
        }
        await verifier.VerifyAsync(domain, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(DomainView.From(domain, options.CurrentValue.Hostname));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, MailDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var domain = await FindAsync(db, id, cancellationToken);
        if (domain is null)
        {
            return NotFound();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        domain.DeletedAt = now;
        // Its inboxes go with it: nothing is received for a domain that is gone.
        foreach (var inbox in await db.Inboxes.Where(i => i.DomainId == id && i.DeletedAt == null).ToListAsync(cancellationToken))
        {
            inbox.DeletedAt = now;
        }
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static Task<MailDomain?> FindAsync(MailDbContext db, Guid id, CancellationToken cancellationToken) =>
        db.Domains.SingleOrDefaultAsync(d => d.Id == id && d.DeletedAt == null, cancellationToken);

    private static ProblemHttpResult NotFound() => ApiProblem.NotFound("domain_not_found", "No domain has this id.");
}

internal sealed record CreateDomainRequest(string? Name, string? FromName, string? ReplyToAddress, string? BounceAddress);

internal sealed record UpdateDomainRequest(string? FromName, string? ReplyToAddress, string? BounceAddress);

/// <summary>The optional per-domain sending settings, checked the same way on create and update (empty clears).</summary>
internal sealed record DomainSettings(string? FromName, string? ReplyToAddress, string? BounceAddress)
{
    public void Validate(Dictionary<string, string[]> errors)
    {
        if (FromName is { Length: > 200 } || (FromName is not null && FromName.Any(char.IsControl)))
        {
            errors["from_name"] = ["must be at most 200 characters, without control characters"];
        }
        if (!string.IsNullOrWhiteSpace(ReplyToAddress) && !MailAddresses.IsValid(ReplyToAddress))
        {
            errors["reply_to_address"] = ["must be an email address"];
        }
        if (!string.IsNullOrWhiteSpace(BounceAddress) && !MailAddresses.IsValid(BounceAddress))
        {
            errors["bounce_address"] = ["must be an email address"];
        }
    }

    public void ApplyTo(MailDomain domain)
    {
        domain.FromName = string.IsNullOrWhiteSpace(FromName) ? null : FromName.Trim();
        domain.ReplyToAddress = string.IsNullOrWhiteSpace(ReplyToAddress) ? null : ReplyToAddress.Trim().ToLowerInvariant();
        domain.BounceAddress = string.IsNullOrWhiteSpace(BounceAddress) ? null : BounceAddress.Trim().ToLowerInvariant();
    }
}

internal sealed record DomainView(
    Guid Id, string Name, string? FromName, string? ReplyToAddress, string? BounceAddress,
    bool MxVerified, bool SpfVerified, bool DkimVerified, bool DmarcVerified, DateTime? VerifiedAt,
    string DkimSelector, IReadOnlyList<DnsRecordView> DnsRecords, DateTime CreatedAt, DateTime UpdatedAt)
{
    public static DomainView From(MailDomain d, string hostname) => new(
        d.Id, d.Name, d.FromName, d.ReplyToAddress, d.BounceAddress,
        d.MxVerified, d.SpfVerified, d.DkimVerified, d.DmarcVerified, d.VerifiedAt,
        d.DkimSelector, DomainDnsRecords.For(d, hostname), d.CreatedAt, d.UpdatedAt);
}
