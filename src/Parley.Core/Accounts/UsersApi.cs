using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Core.Security;
using Parley.Core.Storage;

namespace Parley.Core.Accounts;

/// <summary><c>/api/admin/users</c>: list, create, disable and enable accounts, change roles.</summary>
internal static class UsersApi
{
    public static void MapUsersApi(this IEndpointRouteBuilder endpoints)
    {
        var users = endpoints.MapGroup("/api/admin/users").WithTags("Users");

        users.MapGet("", async (CoreDbContext db, CancellationToken cancellationToken) =>
        {
            var all = await db.Users.AsNoTracking().OrderBy(u => u.Username).ToListAsync(cancellationToken);
            return TypedResults.Ok(all.Select(AdminUserView.From).ToList());
        }).RequirePermission(Permissions.UsersRead);

        users.MapPost("", async Task<Results<Created<UserView>, ProblemHttpResult>> (
            CreateUserRequest body, HttpContext context, AccountService accounts, CancellationToken cancellationToken) =>
        {
            var (user, refusal) = await accounts.CreateAsync(
                new NewAccount(body.Username, body.Password, body.Email, body.DisplayName, body.Role ?? Roles.User),
                context.User.IsOwner(), cancellationToken);
            return user is not null ? TypedResults.Created($"/api/admin/users/{user.Id}", UserView.From(user)) : refusal!.ToProblem();
        }).RequirePermission(Permissions.UsersWrite);

        users.MapPost("/{id:guid}/disable", async Task<Results<NoContent, ProblemHttpResult>> (
            Guid id, HttpContext context, AccountService accounts, CancellationToken cancellationToken) =>
            Answer(await accounts.SetDisabledAsync(id, disabled: true, context.User.IsOwner(), cancellationToken)))
            .RequirePermission(Permissions.UsersWrite);

        users.MapPost("/{id:guid}/enable", async Task<Results<NoContent, ProblemHttpResult>> (
            Guid id, HttpContext context, AccountService accounts, CancellationToken cancellationToken) =>
            Answer(await accounts.SetDisabledAsync(id, disabled: false, context.User.IsOwner(), cancellationToken)))
            .RequirePermission(Permissions.UsersWrite);

        users.MapPut("/{id:guid}/role", async Task<Results<NoContent, ProblemHttpResult>> (
            Guid id, SetRoleRequest body, HttpContext context, AccountService accounts, CancellationToken cancellationToken) =>
            Answer(await accounts.SetRoleAsync(id, body.Role, context.User.IsOwner(), cancellationToken)))
            .RequirePermission(Permissions.UsersWrite);
    }

    private static Results<NoContent, ProblemHttpResult> Answer(Refusal? refusal) =>
        refusal is null ? TypedResults.NoContent() : refusal.ToProblem();
}

internal sealed record CreateUserRequest(string? Username, string? Password, string? Email, string? DisplayName, string? Role);

internal sealed record SetRoleRequest(string? Role);
