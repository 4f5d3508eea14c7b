using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Parley.Core.Http;

/// <summary>
/// Errors as <c>application/problem+json</c> with a stable machine-readable <c>code</c>;
/// clients branch on the code, people read the detail.
/// </summary>
public static class ApiProblem
{
    public static ProblemHttpResult Create(int status, string code, string detail, IDictionary<string, object?>? extensions = null)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Title = TitleFor(status),
            Detail = detail,
            Type = "https://parley.dev/problems/" + code,
        };
        problem.Extensions["code"] = code;
        if (extensions is not null)
        {
            foreach (var (key, value) in extensions)
            {
                problem.Extensions[key] = value;
            }
        }
        return TypedResults.Problem(problem);
    }

    public static ProblemHttpResult BadRequest(string code, string detail) => Create(StatusCodes.Status400BadRequest, code, detail);
    public static ProblemHttpResult NotFound(string code, string detail) => Create(StatusCodes.Status404NotFound, code, detail);
    public static ProblemHttpResult Conflict(string code, string detail) => Create(StatusCodes.Status409Conflict, code, detail);
    public static ProblemHttpResult Unauthorized(string code, string detail) => Create(StatusCodes.Status401Unauthorized, code, detail);
    public static ProblemHttpResult Forbidden(string code, string detail) => Create(StatusCodes.Status403Forbidden, code, detail);

    /// <summary>
    /// 403 <c>user_required</c>: the endpoint acts for a signed-in person, and the caller is an
    /// API key, which holds permissions but is nobody's account.
    /// </summary>
    public static ProblemHttpResult UserRequired() =>
        Forbidden("user_required", "This endpoint acts for a signed-in user; an API key has none.");

    /// <summary>400 <c>validation_failed</c> with the failing fields and why.</summary>
    public static ProblemHttpResult Validation(IDictionary<string, string[]> errors) =>
        Create(StatusCodes.Status400BadRequest, "validation_failed", "One or more fields are invalid.",
            new Dictionary<string, object?> { ["errors"] = errors });

    public static string TitleFor(int status) => status switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        413 => "Payload Too Large",
        415 => "Unsupported Media Type",
        423 => "Locked",
        429 => "Too Many Requests",
        _ => status >= 500 ? "Server Error" : "Error",
    };
}
