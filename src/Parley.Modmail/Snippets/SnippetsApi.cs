using System.Text.RegularExpressions;
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

namespace Parley.Modmail.Snippets;

internal sealed record SnippetView(long Id, string Key, string Content, string CreatedBy, DateTime CreatedAt, DateTime UpdatedAt)
{
    public static SnippetView From(Snippet s) => new(s.Id, s.Key, s.Content, s.CreatedBy, s.CreatedAt, s.UpdatedAt);
}

internal sealed record SnippetRequest(string? Key, string? Content);

/// <summary>
/// Saved replies (<c>/api/modmail/desks/{id}/snippets</c>). The seed's snippets have no desk (one key space for the
/// server); the desk in the path is where the caller's permission is checked: listing needs <c>view_tickets</c> (the
/// reply box offers them), changing needs <c>edit_config</c>. Keys are lower-cased and must match <see cref="SnippetKeys"/>.
/// </summary>
internal static class SnippetsApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var snippets = endpoints.MapGroup("/api/modmail/desks/{id:guid}/snippets").WithTags("Modmail: snippets").RequirePermission(Permissions.Account);

        snippets.MapGet("", async Task<Results<Ok<List<SnippetView>>, ProblemHttpResult>> (
            Guid id, HttpContext context, PanelGate gate, ModmailDbContext db, IOptionsMonitor<PanelOptions> options, CancellationToken cancellationToken) =>
        {
            var (caller, problem) = await gate.EnterAsync(context.User, id, PanelPermissions.ViewTickets, cancellationToken);
            if (caller is null)
            {
                return problem!;
            }
            var rows = await db.Snippets.AsNoTracking().OrderBy(s => s.Key).Take(options.CurrentValue.MaxSnippets).ToListAsync(cancellationToken);
            return TypedResults.Ok(rows.Select(SnippetView.From).ToList());
        });

        snippets.MapPost("", async Task<Results<Created<SnippetView>, ProblemHttpResult>> (
            Guid id, SnippetRequest body, HttpContext context, PanelGate gate, ModmailDbContext db, IOptionsMonitor<PanelOptions> panel,
            IOptionsMonitor<ModmailOptions> options, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var (caller, problem) = await gate.EnterAsync(context.User, id, PanelPermissions.EditConfig, cancellationToken);
            if (caller is null)
            {
                return problem!;
            }
            var key = SnippetKeys.Normalize(body.Key);
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            if (!SnippetKeys.IsValid(key))
            {
                errors["key"] = [SnippetKeys.Rule];
            }
            CheckContent(errors, body.Content, options.CurrentValue.MaxMessageLength, required: true);
            if (errors.Count > 0)
            {
                return ApiProblem.Validation(errors);
            }
            var limit = panel.CurrentValue.MaxSnippets;
            if (await db.Snippets.CountAsync(cancellationToken) >= limit)
            {
                return ApiProblem.Conflict("snippet_limit_reached", $"At most {limit} snippets (Modmail:Panel:MaxSnippets).");
            }
            if (await db.Snippets.AnyAsync(s => s.Key == key, cancellationToken))
            {
                return Exists();
            }
            var now = clock.GetUtcNow().UtcDateTime;
            var snippet = new Snippet { Key = key!, Content = body.Content!, CreatedBy = caller.UserId.ToString("D"), CreatedAt = now, UpdatedAt = now };
            db.Snippets.Add(snippet);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                return Exists();
            }
            return TypedResults.Created($"/api/modmail/desks/{id}/snippets/{snippet.Key}", SnippetView.From(snippet));
        });

        snippets.MapPatch("/{key}", async Task<Results<Ok<SnippetView>, ProblemHttpResult>> (
            Guid id, string key, SnippetRequest body, HttpContext context, PanelGate gate, ModmailDbContext db,
            IOptionsMonitor<ModmailOptions> options, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var (caller, problem) = await gate.EnterAsync(context.User, id, PanelPermissions.EditConfig, cancellationToken);
            if (caller is null)
            {
                return problem!;
            }
            var current = SnippetKeys.Normalize(key);
            var snippet = await db.Snippets.FirstOrDefaultAsync(s => s.Key == current, cancellationToken);
            if (snippet is null)
            {
                return NotFound();
            }
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            var newKey = body.Key is null ? null : SnippetKeys.Normalize(body.Key);
            if (body.Key is not null && !SnippetKeys.IsValid(newKey))
            {
                errors["key"] = [SnippetKeys.Rule];
            }
            CheckContent(errors, body.Content, options.CurrentValue.MaxMessageLength, required: false);
            if (errors.Count > 0)
            {
                return ApiProblem.Validation(errors);
            }
            if (newKey is not null && newKey != snippet.Key)
            {
                if (await db.Snippets.AnyAsync(s => s.Key == newKey, cancellationToken))
                {
                    return Exists();
                }
                snippet.Key = newKey;
            }
            snippet.Content = body.Content ?? snippet.Content;
            snippet.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                return Exists();
            }
            return TypedResults.Ok(SnippetView.From(snippet));
        });

        snippets.MapDelete("/{key}", async Task<Results<NoContent, ProblemHttpResult>> (
            Guid id, string key, HttpContext context, PanelGate gate, ModmailDbContext db, CancellationToken cancellationToken) =>
        {
            var (caller, problem) = await gate.EnterAsync(context.User, id, PanelPermissions.EditConfig, cancellationToken);
            if (caller is null)
            {
                return problem!;
            }
            var normalized = SnippetKeys.Normalize(key);
            return await db.Snippets.Where(s => s.Key == normalized).ExecuteDeleteAsync(cancellationToken) == 0 ? NotFound() : TypedResults.NoContent();
        });
    }

    private static void CheckContent(Dictionary<string, string[]> errors, string? content, int max, bool required)
    {
        if ((required || content is not null) && (string.IsNullOrWhiteSpace(content) || content.Length > max))
        {
            errors["content"] = [$"1 to {max} characters (Modmail:MaxMessageLength)."];
        }
    }

    private static ProblemHttpResult NotFound() => ApiProblem.NotFound("snippet_not_found", "No snippet has that key.");

    private static ProblemHttpResult Exists() => ApiProblem.Conflict("snippet_exists", "A snippet has that key.");
}

/// <summary>A snippet's key: what staff type after <c>snippet</c>, so short and plain.</summary>
internal static partial class SnippetKeys
{
    public const string Rule = "1 to 64 characters: lower-case letters, digits, '-' and '_', starting with a letter or digit.";

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static string? Normalize(string? key) => key?.Trim().ToLowerInvariant();

    public static bool IsValid(string? key) => key is not null && Pattern().IsMatch(key);
}
