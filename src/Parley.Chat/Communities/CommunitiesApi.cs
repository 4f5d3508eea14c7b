using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Chat.Storage;
using Parley.Core.Http;
using Parley.Core.Security;

namespace Parley.Chat.Communities;

/// <summary><c>/api/chat/communities</c>: create, read, update and list the caller's communities.</summary>
internal static partial class CommunitiesApi
{
    public static void MapCommunities(this IEndpointRouteBuilder endpoints)
    {
        var communities = endpoints.MapGroup("/api/chat/communities").WithTags("Chat: communities").RequirePermission(Permissions.Account);

        communities.MapPost("", async Task<Results<Created<CommunityView>, ProblemHttpResult>> (
            CreateCommunityRequest body, HttpContext context, ChatDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var errors = new Dictionary<string, string[]>();
            CheckName(body.Name, errors);
            CheckAccentColor(body.AccentColor, errors);
            if (errors.Count > 0)
            {
                return ApiProblem.Validation(errors);
            }
            var now = clock.GetUtcNow().UtcDateTime;
            var community = new Community
            {
                Name = body.Name!.Trim(),
                Description = body.Description,
                IconUrl = body.IconUrl,
                BannerUrl = body.BannerUrl,
                AccentColor = body.AccentColor,
                Discoverable = body.Discoverable ?? false,
                WelcomeMessage = body.WelcomeMessage,
                OwnerId = userId,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Communities.Add(community);
            db.CommunityMembers.Add(new CommunityMember { CommunityId = community.Id, UserId = userId, Role = CommunityRoles.Owner, JoinedAt = now });
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Created($"/api/chat/communities/{community.Id}", CommunityView.From(community, CommunityRoles.Owner));
        });

        communities.MapGet("", async Task<Results<Ok<List<CommunityView>>, ProblemHttpResult>> (
            HttpContext context, ChatDbContext db, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var mine = await db.CommunityMembers.AsNoTracking()
                .Where(m => m.UserId == userId)
                .Join(db.Communities.AsNoTracking(), m => m.CommunityId, c => c.Id, (m, c) => new { Community = c, m.Role })
                .OrderBy(x => x.Community.Name)
                .ToListAsync(cancellationToken);
            return TypedResults.Ok(mine.Select(x => CommunityView.From(x.Community, x.Role)).ToList());
        });

        communities.MapGet("/{id:guid}", async Task<Results<Ok<CommunityView>, ProblemHttpResult>> (
            Guid id, HttpContext context, ChatDbContext db, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var (access, problem) = await CommunityAccess.ResolveAsync(db, id, userId, CommunityRoles.Member, cancellationToken);
            return access is null ? problem! : TypedResults.Ok(CommunityView.From(access.Community, access.Role));
        });

        communities.MapPatch("/{id:guid}", async Task<Results<Ok<CommunityView>, ProblemHttpResult>> (
            Guid id, UpdateCommunityRequest body, HttpContext context, ChatDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (context.User.UserId() is not { } userId)
            {
                return ApiProblem.UserRequired();
            }
            var (access, problem) = await CommunityAccess.ResolveAsync(db, id, userId, CommunityRoles.Admin, cancellationToken);
            if (access is null)
            {
                return problem!;
            }
            var errors = new Dictionary<string, string[]>();
            if (body.Name is not null)
            {
                CheckName(body.Name, errors);
            }
            CheckAccentColor(body.AccentColor, errors);
            CheckRoleSetting("who_can_create_groups", body.WhoCanCreateGroups, errors);
            CheckRoleSetting("who_can_create_invites", body.WhoCanCreateInvites, errors);
            if (body.CommunityTheme is not null && !IsJsonObject(body.CommunityTheme))
            {
                errors["community_theme"] = ["must be a JSON object"];
            }
            if (errors.Count > 0)
            {
                return ApiProblem.Validation(errors);
            }
            var community = access.Community;
            community.Name = body.Name?.Trim() ?? community.Name;
            community.Description = body.Description ?? community.Description;
            community.IconUrl = body.IconUrl ?? community.IconUrl;
            community.BannerUrl = body.BannerUrl ?? community.BannerUrl;
            community.AccentColor = body.AccentColor ?? community.AccentColor;
            community.Discoverable = body.Discoverable ?? community.Discoverable;
            community.WelcomeMessage = body.WelcomeMessage ?? community.WelcomeMessage;
            community.WhoCanCreateGroups = body.WhoCanCreateGroups ?? community.WhoCanCreateGroups;
            community.WhoCanCreateInvites = body.WhoCanCreateInvites ?? community.WhoCanCreateInvites;
            community.CommunityTheme = body.CommunityTheme ?? community.CommunityTheme;
            community.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Ok(CommunityView.From(community, access.Role));
        });

        communities.MapCommunityInvites(endpoints);
        communities.MapCommunityMembers();
    }

    private static void CheckName(string? name, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 64)
        {
            errors["name"] = ["must be 1 to 64 characters"];
        }
    }

    private static void CheckAccentColor(string? color, Dictionary<string, string[]> errors)
    {
        if (color is not null && !HexColor().IsMatch(color))
        {
            errors["accent_color"] = ["must be a hex colour like #1a2b3c"];
        }
    }

    private static void CheckRoleSetting(string field, string? role, Dictionary<string, string[]> errors)
    {
        if (role is not null && !CommunityRoles.IsKnown(role))
        {
            errors[field] = [$"must be one of {string.Join(", ", CommunityRoles.All)}"];
        }
    }

    private static bool IsJsonObject(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [GeneratedRegex("^#[0-9a-fA-F]{6}$", RegexOptions.CultureInvariant)]
    private static partial Regex HexColor();
}
