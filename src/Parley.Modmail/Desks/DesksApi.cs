using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Chat.Bots;
using Parley.Chat.Communities;
using Parley.Core.Audit;
using Parley.Core.Http;
using Parley.Core.Security;
using Parley.Modmail.Storage;

namespace Parley.Modmail.Desks;

/// <summary>
/// Turning Modmail on for a community (<c>POST /api/modmail/desks</c>, by an admin or the owner of the community — and
/// of the staff community in dual mode), finding a community's desk (any member: the bot to DM, whether "Contact
/// staff" is offered) and the "Contact staff" button (<c>POST /api/modmail/desks/{id}/contact</c>: the member's DM with
/// the bot). Editing a desk's settings is the panel's.
/// </summary>
internal static class DesksApi
{
    public const string TicketsGroupName = "Tickets";

    public static void MapDesks(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/modmail").WithTags("Modmail: desks").RequirePermission(Permissions.Account);

        api.MapPost("/desks", async Task<Results<Created<DeskView>, ProblemHttpResult>> (
            CreateDeskRequest body, HttpContext context, ModmailDbContext db, CommunityDirectory communities, ChatBots bots,
            PrivateChannels channels, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var mode = body.Mode ?? DeskModes.Single;
            var errors = new Dictionary<string, string[]>();
            if (body.CommunityId is null)
            {
                errors["community_id"] = ["required"];
            }
            if (mode is not (DeskModes.Single or DeskModes.Dual))
            {
                errors["mode"] = ["must be single or dual"];
            }
            else if (mode == DeskModes.Dual && (body.StaffCommunityId is null || body.StaffCommunityId == body.CommunityId))
            {
                errors["staff_community_id"] = ["dual mode needs a separate staff community"];
            }
            else if (mode == DeskModes.Single && body.StaffCommunityId is { } staffId && staffId != body.CommunityId)
            {
                errors["staff_community_id"] = ["single mode keeps tickets in the community itself"];
            }
            if (errors.Count > 0)
            {
                return ApiProblem.Validation(errors);
            }
            var communityId = body.CommunityId!.Value;
            var staffCommunityId = mode == DeskModes.Dual ? body.StaffCommunityId!.Value : communityId;
            foreach (var id in new[] { communityId, staffCommunityId }.Distinct())
            {
                var membership = await communities.MembershipAsync(id, userId, cancellationToken);
                if (membership is null)
                {
                    return ApiProblem.NotFound("community_not_found", "No such community, or you are not in it.");
                }
                if (!CommunityDirectory.RoleAtLeast(membership.Role, "admin"))
                {
                    return ApiProblem.Forbidden("forbidden_role", "Setting up Modmail needs the community role 'admin' or higher.");
                }
            }
            if (await db.Desks.AnyAsync(d => d.CommunityId == communityId, cancellationToken))
            {
                return ApiProblem.Conflict("desk_exists", "This community has Modmail already.");
            }

            var name = await communities.NameOfAsync(communityId, cancellationToken) ?? "Community";
            var botId = await bots.CreateAsync($"{name} Support", cancellationToken);
            await bots.AddToCommunityAsync(communityId, botId, cancellationToken);
            await bots.AddToCommunityAsync(staffCommunityId, botId, cancellationToken);
            var groupId = await channels.CreateGroupAsync(staffCommunityId, TicketsGroupName, botId, cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var desk = new SupportDesk
            {
                CommunityId = communityId,
                StaffCommunityId = staffCommunityId,
                Mode = mode,
                BotUserId = botId,
                TicketsGroupId = groupId,
                AnonymousName = name.Length > 64 ? name[..64] : name,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Desks.Add(desk);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Two admins at once: the first desk stands (its bot and group are the ones in use).
                return ApiProblem.Conflict("desk_exists", "This community has Modmail already.");
            }
            await audit.RecordAsync("modmail.desk.created", new { desk_id = desk.Id, community_id = communityId, staff_community_id = staffCommunityId, mode },
                cancellationToken: cancellationToken);
            return TypedResults.Created($"/api/modmail/communities/{communityId}/desk", DeskView.From(desk));
        });

        api.MapGet("/communities/{communityId:guid}/desk", async Task<Results<Ok<DeskContactView>, ProblemHttpResult>> (
            Guid communityId, HttpContext context, ModmailDbContext db, CommunityDirectory communities, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var desk = await db.Desks.AsNoTracking().FirstOrDefaultAsync(d => d.CommunityId == communityId, cancellationToken);
            if (desk is null || await communities.MembershipAsync(communityId, userId, cancellationToken) is null)
            {
                return ApiProblem.NotFound("desk_not_found", "This community has no Modmail, or you are not in it.");
            }
            return TypedResults.Ok(DeskContactView.From(desk));
        });

        api.MapPost("/desks/{deskId:guid}/contact", async Task<Results<Ok<ContactView>, ProblemHttpResult>> (
            Guid deskId, HttpContext context, ModmailDbContext db, CommunityDirectory communities, ChatBots bots, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var desk = await db.Desks.AsNoTracking().FirstOrDefaultAsync(d => d.Id == deskId, cancellationToken);
            if (desk?.CommunityId is not { } communityId || await communities.MembershipAsync(communityId, userId, cancellationToken) is null)
            {
                return ApiProblem.NotFound("desk_not_found", "No such desk, or you are not in its community.");
            }
            if (!desk.Enabled)
            {
                return ApiProblem.Conflict("desk_disabled", "Modmail is off for this community.");
            }
            var channelId = await bots.OpenDmAsync(userId, desk.BotUserId, cancellationToken);
            return channelId is { } id
                ? TypedResults.Ok(new ContactView(id, desk.BotUserId))
                : ApiProblem.Forbidden("user_blocked", "You have blocked the support bot; unblock it to contact staff.");
        });
    }
}

internal sealed record CreateDeskRequest(Guid? CommunityId, string? Mode, Guid? StaffCommunityId);

/// <summary>A desk as members see it: enough to DM the bot or show "Contact staff" (staff read <see cref="DeskView"/>).</summary>
internal sealed record DeskContactView(Guid Id, Guid? CommunityId, bool Enabled, Guid BotUserId)
{
    public static DeskContactView From(SupportDesk d) => new(d.Id, d.CommunityId, d.Enabled, d.BotUserId);
}

/// <summary>The member's DM with the desk's bot.</summary>
internal sealed record ContactView(Guid ChannelId, Guid BotUserId);
