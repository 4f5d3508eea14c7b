using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Http;

namespace Parley.Chat;

/// <summary>Problems every Chat feature answers with the same code.</summary>
internal static class ChatProblems
{
    /// <summary>Same code as Core's account endpoints: an API key holds the permission but is nobody's own account.</summary>
    public static ProblemHttpResult UserRequired() =>
        ApiProblem.Forbidden("user_required", "This endpoint acts for a signed-in user; an API key has none.");
}
