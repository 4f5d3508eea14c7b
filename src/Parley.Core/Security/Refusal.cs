using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Http;

namespace Parley.Core.Security;

/// <summary>
/// Why a security operation was refused: the API answers it as problem+json, the CLI prints
/// the detail. One type so both front ends go through the same rules.
/// </summary>
public sealed record Refusal(int Status, string Code, string Detail, IDictionary<string, string[]>? Errors = null)
{
    /// <summary>For 423 <c>account_locked</c>: when to try again.</summary>
    public int? RetryAfterSeconds { get; init; }

    public static Refusal Invalid(string field, string reason) =>
        new(400, "validation_failed", $"{field}: {reason}", new Dictionary<string, string[]> { [field] = [reason] });

    public static Refusal NotFound(string code, string detail) => new(404, code, detail);
    public static Refusal Conflict(string code, string detail) => new(409, code, detail);
    public static Refusal Forbidden(string code, string detail) => new(403, code, detail);

    public ProblemHttpResult ToProblem() => Errors is not null
        ? ApiProblem.Validation(Errors)
        : ApiProblem.Create(Status, Code, Detail, RetryAfterSeconds is { } seconds
            ? new Dictionary<string, object?> { ["retry_after_seconds"] = seconds }
            : null);
}
