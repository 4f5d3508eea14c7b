using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Core.Http;
using Parley.Core.Security;
using Parley.Mail.Api;
using Parley.Mail.Messages;
using Parley.Mail.Storage;

namespace Parley.Mail.Threads;

/// <summary>
/// <c>PUT /api/mail/threads/{id}/state</c> with <c>{"state": "archived"}</c>: open, archived, spam or trash (idempotent).
/// Needs <c>threads:delete</c>, as deleting a thread does; a JWT bound to inboxes changes only threads it sees.
/// </summary>
internal static class ThreadStateApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPut("/api/mail/threads/{id:guid}/state", SetAsync).RequirePermission(Permissions.MailThreadsDelete).WithTags("Mail");
    }

    private static async Task<Results<Ok<ThreadStateView>, ProblemHttpResult>> SetAsync(
        Guid id, SetThreadStateRequest request, ClaimsPrincipal user, MailDbContext db, ThreadStateChanges states, CancellationToken cancellationToken)
    {
        var caller = MailCaller.From(user);
        if (caller.IsBound && !await MessageViews.Visible(db, caller).AnyAsync(m => m.ThreadId == id, cancellationToken))
        {
            return NotFound();
        }
        if (!ThreadStates.IsKnown(request.State))
        {
            return ApiProblem.Validation(new Dictionary<string, string[]> { ["state"] = ["must be one of " + string.Join(", ", ThreadStates.All)] });
        }
        var change = await states.SetAsync(id, request.State!, cancellationToken);
        return change.Found ? TypedResults.Ok(new ThreadStateView(id, change.Current!, change.Previous!)) : NotFound();
    }

    private static ProblemHttpResult NotFound() => ApiProblem.NotFound("thread_not_found", "No thread has this id.");
}

internal sealed record SetThreadStateRequest(string? State);

internal sealed record ThreadStateView(Guid Id, string State, string PreviousState);
