using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Core.Http;
using Parley.Core.Security;
using Parley.Modmail.Panel;
using Parley.Modmail.Storage;

namespace Parley.Modmail.Desks;

internal sealed record CategoryView(Guid Id, Guid DeskId, string Name, string? Description, string? Emoji,
    IReadOnlyList<string> RequiredPermissions, int Position, bool Enabled, DateTime CreatedAt)
{
    public static CategoryView From(TicketCategory c) =>
        new(c.Id, c.DeskId, c.Name, c.Description, c.Emoji, PermissionNames.Parse(c.RequiredPermissions), c.Position, c.Enabled, c.CreatedAt);
}

/// <summary>Create and patch alike: on a patch only the fields present change.</summary>
internal sealed record CategoryRequest(string? Name, string? Description, string? Emoji, List<string>? RequiredPermissions, int? Position, bool? Enabled);

/// <summary>
/// A desk's ticket categories (<c>/api/modmail/desks/{id}/categories</c>): listed with <c>view_config</c>, changed with
/// <c>edit_config</c>. Changing a category's permissions applies to tickets moved into it from then on (a ticket keeps
/// the permissions it was given, as Rustmail's <c>threads.required_permissions</c>).
/// </summary>
internal static class CategoriesApi
{
    public const int MaxDescriptionLength = 500;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var categories = endpoints.MapGroup("/api/modmail/desks/{id:guid}/categories").WithTags("Modmail: categories").RequirePermission(Permissions.Account);

        categories.MapGet("", async Task<Results<Ok<List<CategoryView>>, ProblemHttpResult>> (
            Guid id, HttpContext context, PanelGate gate, ModmailDbContext db, CancellationToken cancellationToken) =>
        {
            // view_tickets, like snippets: staff who handle tickets file them under a category (move, filter) without the desk's config.
            var (caller, problem) = await gate.EnterAsync(context.User, id, PanelPermissions.ViewTickets, cancellationToken);
            if (caller is null)
            {
                return problem!;
            }
            var rows = await db.Categories.AsNoTracking().Where(c => c.DeskId == id).OrderBy(c => c.Position).ThenBy(c => c.Name).ToListAsync(cancellationToken);
            return TypedResults.Ok(rows.Select(CategoryView.From).ToList());
        });

        categories.MapPost("", async Task<Results<Created<CategoryView>, ProblemHttpResult>> (
            Guid id, CategoryRequest body, HttpContext context, PanelGate gate, ModmailDbContext db, IOptionsMonitor<PanelOptions> options,
            TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var (caller, problem) = await gate.EnterAsync(context.User, id, PanelPermissions.EditConfig, cancellationToken);
            if (caller is null)
            {
                return problem!;
            }
            var errors = Check(body, creating: true);
            if (errors.Count > 0)
            {
                return ApiProblem.Validation(errors);
            }
            var limit = options.CurrentValue.MaxCategoriesPerDesk;
            if (await db.Categories.CountAsync(c => c.DeskId == id, cancellationToken) >= limit)
            {
                return ApiProblem.Conflict("category_limit_reached", $"A desk has at most {limit} categories (Modmail:Panel:MaxCategoriesPerDesk).");
            }
            var name = body.Name!.Trim();
            if (await db.Categories.AnyAsync(c => c.DeskId == id && c.Name == name, cancellationToken))
            {
                return Exists();
            }
            var category = new TicketCategory
            {
                DeskId = id,
                Name = name,
                Description = Blank(body.Description),
                Emoji = Blank(body.Emoji),
                RequiredPermissions = PermissionNames.Serialize(body.RequiredPermissions),
                Position = body.Position ?? 0,
                Enabled = body.Enabled ?? true,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.Categories.Add(category);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                return Exists();
            }
            return TypedResults.Created($"/api/modmail/desks/{id}/categories/{category.Id}", CategoryView.From(category));
        });

        categories.MapPatch("/{categoryId:guid}", async Task<Results<Ok<CategoryView>, ProblemHttpResult>> (
            Guid id, Guid categoryId, CategoryRequest body, HttpContext context, PanelGate gate, ModmailDbContext db, CancellationToken cancellationToken) =>
        {
            var (caller, problem) = await gate.EnterAsync(context.User, id, PanelPermissions.EditConfig, cancellationToken);
            if (caller is null)
            {
                return problem!;
            }
            var category = await db.Categories.FirstOrDefaultAsync(c => c.Id == categoryId && c.DeskId == id, cancellationToken);
            if (category is null)
            {
                return NotFound();
            }
            var errors = Check(body, creating: false);
            if (errors.Count > 0)
            {
                return ApiProblem.Validation(errors);
            }
            if (body.Name is not null)
            {
                var name = body.Name.Trim();
                if (name != category.Name && await db.Categories.AnyAsync(c => c.DeskId == id && c.Name == name, cancellationToken))
                {
                    return Exists();
                }
                category.Name = name;
            }
            if (body.Description is not null)
            {
                category.Description = Blank(body.Description);
            }
            if (body.Emoji is not null)
            {
                category.Emoji = Blank(body.Emoji);
            }
            if (body.RequiredPermissions is not null)
            {
                category.RequiredPermissions = PermissionNames.Serialize(body.RequiredPermissions);
            }
            category.Position = body.Position ?? category.Position;
            category.Enabled = body.Enabled ?? category.Enabled;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                return Exists();
            }
            return TypedResults.Ok(CategoryView.From(category));
        });

        categories.MapDelete("/{categoryId:guid}", async Task<Results<NoContent, ProblemHttpResult>> (
            Guid id, Guid categoryId, HttpContext context, PanelGate gate, ModmailDbContext db, CancellationToken cancellationToken) =>
        {
            var (caller, problem) = await gate.EnterAsync(context.User, id, PanelPermissions.EditConfig, cancellationToken);
            if (caller is null)
            {
                return problem!;
            }
            // Tickets keep the category's name and permissions they were given (threads.category_name, required_permissions).
            var deleted = await db.Categories.Where(c => c.Id == categoryId && c.DeskId == id).ExecuteDeleteAsync(cancellationToken);
            return deleted == 0 ? NotFound() : TypedResults.NoContent();
        });
    }

    private static Dictionary<string, string[]> Check(CategoryRequest body, bool creating)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if ((creating || body.Name is not null) && (string.IsNullOrWhiteSpace(body.Name) || body.Name.Trim().Length > 64))
        {
            errors["name"] = ["1 to 64 characters."];
        }
        if (body.Description is { Length: > MaxDescriptionLength })
        {
            errors["description"] = [$"At most {MaxDescriptionLength} characters."];
        }
        if (body.Emoji is { Length: > 64 })
        {
            errors["emoji"] = ["At most 64 characters."];
        }
        if (body.RequiredPermissions is { } required
            && (required.Count > PermissionNames.MaxPerCategory || !required.All(PermissionNames.IsValid)))
        {
            errors["required_permissions"] = [$"At most {PermissionNames.MaxPerCategory} names of lower-case letters, digits, '_', '.', '-' (up to 64 characters)."];
        }
        if (body.Position is < 0 or > 10_000)
        {
            errors["position"] = ["Between 0 and 10000."];
        }
        return errors;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static ProblemHttpResult NotFound() => ApiProblem.NotFound("category_not_found", "No such category at this desk.");

    private static ProblemHttpResult Exists() => ApiProblem.Conflict("category_exists", "The desk has a category of that name.");
}
