using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Core.Http;
using Parley.Core.Security;
using Parley.Mail.Api;
using Parley.Mail.Domains;
using Parley.Mail.Storage;

namespace Parley.Mail.Inboxes;

/// <summary><c>/api/mail/inboxes</c>: the addresses Parley receives at. A JWT bound to inboxes sees only those.</summary>
internal static class InboxesApi
{
    /// <summary>The local part a catch-all inbox sends from when none is given.</summary>
    public const string DefaultCatchallLocalPart = "catchall";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var inboxes = endpoints.MapGroup("/api/mail/inboxes").WithTags("Mail");
        inboxes.MapPost("/", CreateAsync).RequirePermission(Permissions.MailInboxesManage);
        inboxes.MapGet("/", ListAsync).RequirePermission(Permissions.MailThreadsRead);
        inboxes.MapGet("/{id:guid}", GetAsync).RequirePermission(Permissions.MailThreadsRead);
        inboxes.MapPatch("/{id:guid}", PatchAsync).RequirePermission(Permissions.MailInboxesManage);
        inboxes.MapDelete("/{id:guid}", DeleteAsync).RequirePermission(Permissions.MailInboxesManage);
    }

    private static async Task<Results<Created<InboxView>, ProblemHttpResult>> CreateAsync(
        CreateInboxRequest request, ClaimsPrincipal user, MailDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (MailCaller.From(user).IsBound)
        {
            return ApiProblem.Forbidden("inbox_bound_token", "A token bound to inboxes cannot create inboxes.");
        }
        var errors = new Dictionary<string, string[]>();
        var catchall = request.IsCatchall ?? false;
        var localPart = string.IsNullOrWhiteSpace(request.LocalPart) && catchall ? DefaultCatchallLocalPart : request.LocalPart?.Trim().ToLowerInvariant();
        if (!LocalParts.IsValid(localPart))
        {
            errors["local_part"] = ["must be a local part of at most 64 characters (letters, digits, . ! # $ % & ' * + / = ? ^ _ ` { | } ~ -)"];
        }
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200 || name.Any(char.IsControl))
        {
            errors["name"] = ["must be 1–200 characters, without control characters"];
        }
        if (request.DomainId is not { } domainId)
        {
            errors["domain_id"] = ["is required"];
            return ApiProblem.Validation(errors);
        }
        if (errors.Count > 0)
        {
            return ApiProblem.Validation(errors);
        }
        var domain = await db.Domains.AsNoTracking().SingleOrDefaultAsync(d => d.Id == domainId && d.DeletedAt == null, cancellationToken);
        if (domain is null)
        {
            return ApiProblem.NotFound("domain_not_found", "No domain has this id.");
        }
        var live = db.Inboxes.Where(i => i.DomainId == domainId && i.DeletedAt == null);
        if (catchall && await live.AnyAsync(i => i.IsCatchall, cancellationToken))
        {
            return ApiProblem.Conflict("catchall_exists", $"{domain.Name} already has a catch-all inbox.");
        }
        if (!catchall && await live.AnyAsync(i => i.LocalPart == localPart && !i.IsCatchall, cancellationToken))
        {
            return ApiProblem.Conflict("inbox_exists", $"{localPart}@{domain.Name} is already an inbox.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var inbox = new Inbox { DomainId = domainId, LocalPart = localPart!, Name = name!, IsCatchall = catchall, CreatedAt = now, UpdatedAt = now };
        db.Inboxes.Add(inbox);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/mail/inboxes/{inbox.Id}", InboxView.From(inbox, domain.Name));
    }

    private static async Task<Results<Ok<MailPage<InboxView>>, ProblemHttpResult>> ListAsync(
        string? cursor, int? limit, [FromQuery(Name = "domain_id")] Guid? domainId, ClaimsPrincipal user, MailDbContext db, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryParse(cursor, limit, out var page, out var problem))
        {
            return problem!;
        }
        var query = Live(db);
        if (domainId is { } domain)
        {
            query = query.Where(x => x.Inbox.DomainId == domain);
        }
        if (MailCaller.From(user).BoundInboxes is { } bound)
        {
            var ids = bound.ToList();
            query = query.Where(x => ids.Contains(x.Inbox.Id));
        }
        if (page.After is { } at && page.AfterGuid is { } afterId)
        {
            query = query.Where(x => x.Inbox.CreatedAt > at || (x.Inbox.CreatedAt == at && x.Inbox.Id.CompareTo(afterId) > 0));
        }
        var rows = await query.OrderBy(x => x.Inbox.CreatedAt).ThenBy(x => x.Inbox.Id).Take(page.Limit + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(page.Page(rows, x => InboxView.From(x.Inbox, x.Domain), x => (x.Inbox.CreatedAt, x.Inbox.Id.ToString())));
    }

    private static async Task<Results<Ok<InboxView>, ProblemHttpResult>> GetAsync(Guid id, ClaimsPrincipal user, MailDbContext db, CancellationToken cancellationToken) =>
        await FindAsync(db, user, id, cancellationToken) is { } found ? TypedResults.Ok(InboxView.From(found.Inbox, found.Domain)) : NotFound();

    private static async Task<Results<Ok<InboxView>, ProblemHttpResult>> PatchAsync(
        Guid id, UpdateInboxRequest request, ClaimsPrincipal user, MailDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await FindAsync(db, user, id, cancellationToken) is not { } found)
        {
            return NotFound();
        }
        if (request.Name is { } requested)
        {
            var name = requested.Trim();
            if (name.Length is 0 or > 200 || name.Any(char.IsControl))
            {
                return PageRequest.Invalid("name", "must be 1–200 characters, without control characters");
            }
            found.Inbox.Name = name;
            found.Inbox.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
        }
        return TypedResults.Ok(InboxView.From(found.Inbox, found.Domain));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, ClaimsPrincipal user, MailDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await FindAsync(db, user, id, cancellationToken) is not { } found)
        {
            return NotFound();
        }
        found.Inbox.DeletedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>A live inbox of a live domain the caller may see (tracked), or null.</summary>
    internal static async Task<(Inbox Inbox, string Domain)?> FindAsync(MailDbContext db, ClaimsPrincipal user, Guid id, CancellationToken cancellationToken)
    {
        if (!MailCaller.From(user).MaySee(id))
        {
            return null;
        }
        var found = await Live(db).SingleOrDefaultAsync(x => x.Inbox.Id == id, cancellationToken);
        return found is null ? null : (found.Inbox, found.Domain);
    }

    private static IQueryable<InboxWithDomain> Live(MailDbContext db) =>
        from i in db.Inboxes
        join d in db.Domains on i.DomainId equals d.Id
        where i.DeletedAt == null && d.DeletedAt == null
        select new InboxWithDomain { Inbox = i, Domain = d.Name };

    internal static ProblemHttpResult NotFound() => ApiProblem.NotFound("inbox_not_found", "No inbox has this id.");

    private sealed class InboxWithDomain
    {
        public required Inbox Inbox { get; init; }
        public required string Domain { get; init; }
    }
}

/// <summary>RFC 5321 dot-atom local parts, as Mail stores them (lower case).</summary>
internal static class LocalParts
{
    private const string Specials = "!#$%&'*+/=?^_`{|}~-";

    public static bool IsValid(string? localPart) =>
        localPart is { Length: > 0 and <= 64 }
        && localPart[0] != '.' && localPart[^1] != '.'
        && !localPart.Contains("..", StringComparison.Ordinal)
        && localPart.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '.' || Specials.Contains(c, StringComparison.Ordinal));
}

internal sealed record CreateInboxRequest(Guid? DomainId, string? LocalPart, string? Name, bool? IsCatchall);

internal sealed record UpdateInboxRequest(string? Name);

internal sealed record InboxView(Guid Id, Guid DomainId, string Address, string LocalPart, string Name, bool IsCatchall, DateTime CreatedAt, DateTime UpdatedAt)
{
    public static InboxView From(Inbox i, string domain) => new(
        i.Id, i.DomainId, (i.IsCatchall ? "*" : i.LocalPart) + "@" + domain, i.LocalPart, i.Name, i.IsCatchall, i.CreatedAt, i.UpdatedAt);
}
