using System.Globalization;
using System.Net.Mail;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Core.Http;
using Parley.Core.Security;
using Parley.Core.Storage;
using Parley.Modmail.Desks;
using Parley.Modmail.Staff;
using Parley.Modmail.Storage;
using Parley.Modmail.Tickets;

namespace Parley.Modmail.ApiKeys;

/// <param name="UserId">A Parley user to open a Chat ticket for; or</param>
/// <param name="Email">an address to open an email ticket for (the desk needs a support inbox).</param>
/// <param name="Category">A category of the desk, by id or name.</param>
/// <param name="ExternalId">The caller's id for this request: sending it again does not open or relay twice.</param>
internal sealed record ExternalTicketRequest(string? UserId, string? Email, string? Content, string? Category, string? ExternalId);

/// <param name="Result"><c>opened</c>, <c>relayed</c> (the member had a ticket open), <c>duplicate</c>, <c>awaiting_category</c>.</param>
internal sealed record ExternalTicketResponse(Guid? TicketId, string Result);

/// <summary>
/// Rustmail's external API: <c>POST /api/modmail/externals/tickets/create</c> with <c>X-API-Key</c> (a key holding
/// <c>tickets.create</c>) lets a website or a script open a ticket at the key's desk. The message goes through the
/// engine like any member message (<see cref="MemberMessages"/>): a blocked member is refused, an open ticket gets it.
/// </summary>
internal static class ExternalApi
{
    public const string Path = "/api/modmail/externals/tickets/create";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, CreateAsync)
            .WithTags("Modmail: external API")
            .RequirePermission(Permissions.ModmailTicketsCreate)
            // Adds the X-API-Key scheme to the endpoint's policy: its principal is merged with Parley's bearer one.
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = ModmailApiKeyAuthenticationHandler.SchemeName });
    }

    private static async Task<Results<Created<ExternalTicketResponse>, Ok<ExternalTicketResponse>, Accepted<ExternalTicketResponse>, ProblemHttpResult>> CreateAsync(
        ExternalTicketRequest body, HttpContext context, ModmailDbContext db, CoreDbContext core, MemberMessages members,
        IOptionsMonitor<ModmailOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (context.User.FindFirst(ModmailApiKeyAuthenticationHandler.DeskClaim)?.Value is not { } deskClaim
            || !Guid.TryParse(deskClaim, CultureInfo.InvariantCulture, out var deskId))
        {
            return ApiProblem.Forbidden("modmail_api_key_required", "This endpoint is for Modmail API keys (X-API-Key), which name their desk.");
        }
        var desk = await db.Desks.AsNoTracking().FirstOrDefaultAsync(d => d.Id == deskId, cancellationToken);
        if (desk is null)
        {
            return PanelDeskGone();
        }
        if (!desk.Enabled)
        {
            return ApiProblem.Conflict("desk_disabled", "Modmail is turned off at this desk.");
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var max = options.CurrentValue.MaxMessageLength;
        if (string.IsNullOrWhiteSpace(body.Content) || body.Content.Length > max)
        {
            errors["content"] = [$"1 to {max} characters (Modmail:MaxMessageLength)."];
        }
        if ((body.UserId is null) == (body.Email is null))
        {
            errors["user_id"] = ["Send user_id or email (one of them)."];
        }
        if (body.ExternalId is { Length: 0 or > 200 })
        {
            errors["external_id"] = ["1 to 200 characters."];
        }
        string transport, memberId, memberName;
        if (body.UserId is not null)
        {
            transport = TransportNames.Chat;
            var user = Guid.TryParse(body.UserId, CultureInfo.InvariantCulture, out var userId)
                ? await core.Users.AsNoTracking().Where(u => u.Id == userId && !u.IsBot).Select(u => new { u.Username, u.DisplayName }).FirstOrDefaultAsync(cancellationToken)
                : null;
            if (user is null)
            {
                errors["user_id"] = ["The id of an existing (non-bot) user."];
            }
            memberId = userId.ToString("D");
            memberName = user?.DisplayName ?? user?.Username ?? memberId;
        }
        else
        {
            transport = TransportNames.Email;
            memberId = (body.Email ?? "").Trim().ToLowerInvariant();
            memberName = memberId;
            if (memberId.Length > 320 || !MailAddress.TryCreate(memberId, out var parsed) || parsed.Address != memberId)
            {
                errors["email"] = ["An email address."];
            }
            else if (errors.Count == 0 && !await db.SupportInboxes.AnyAsync(i => i.DeskId == deskId && i.Enabled, cancellationToken))
            {
                errors["email"] = ["This desk has no support inbox to write from."];
            }
        }
        TicketCategory? category = null;
        if (body.Category is { } wanted)
        {
            category = Guid.TryParse(wanted, CultureInfo.InvariantCulture, out var categoryId)
                ? await db.Categories.AsNoTracking().FirstOrDefaultAsync(c => c.DeskId == deskId && c.Id == categoryId && c.Enabled, cancellationToken)
                // By name, case-insensitive alike on both providers (a desk has few categories).
                : (await db.Categories.AsNoTracking().Where(c => c.DeskId == deskId && c.Enabled).ToListAsync(cancellationToken))
                    .FirstOrDefault(c => string.Equals(c.Name, wanted.Trim(), StringComparison.OrdinalIgnoreCase));
            if (category is null)
            {
                errors["category"] = ["An enabled category of the desk (id or name)."];
            }
        }
        if (errors.Count > 0)
        {
            return ApiProblem.Validation(errors);
        }

        var keySubject = context.User.FindFirst(ParleyClaims.Subject)!.Value;
        var messageId = "external:" + keySubject + ":" + (body.ExternalId ?? Guid.CreateVersion7().ToString("N"));
        var outcome = await members.ReceiveAsync(new IncomingMemberMessage(
            deskId, transport, memberId, memberName, null, messageId, body.Content!, [], clock.GetUtcNow().UtcDateTime, category?.Id), cancellationToken);
        var response = new ExternalTicketResponse(outcome.TicketId, outcome.Result switch
        {
            MemberMessageResult.Opened => "opened",
            MemberMessageResult.Relayed => "relayed",
            MemberMessageResult.Duplicate => "duplicate",
            MemberMessageResult.AwaitingCategory => "awaiting_category",
            _ => "blocked",
        });
        return outcome.Result switch
        {
            MemberMessageResult.Blocked => ApiProblem.Forbidden("member_blocked", "The member is blocked from opening tickets."),
            MemberMessageResult.Opened => TypedResults.Created((string?)null, response),
            MemberMessageResult.AwaitingCategory => TypedResults.Accepted((string?)null, response),
            _ => TypedResults.Ok(response),
        };
    }

    private static ProblemHttpResult PanelDeskGone() => ApiProblem.NotFound("desk_not_found", "The key's desk no longer exists.");
}
