using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Parley.Core.Http;

/// <summary>
/// Turns exceptions into problem+json with a stable code. Bad input (malformed JSON, unknown
/// fields, wrong types, oversize bodies) is the client's mistake and never becomes a 500.
/// </summary>
internal sealed class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, code, detail, path) = Classify(exception);
        if (status >= 500)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }
        else
        {
            logger.LogInformation("Rejected {Method} {Path}: {Code}", httpContext.Request.Method, httpContext.Request.Path, code);
        }

        if (httpContext.Response.HasStarted)
        {
            return false;
        }
        httpContext.Response.Clear();
        var extensions = path is null ? null : new Dictionary<string, object?> { ["path"] = path };
        await ApiProblem.Create(status, code, detail, extensions).ExecuteAsync(httpContext);
        return true;
    }

    internal static (int Status, string Code, string Detail, string? Path) Classify(Exception exception)
    {
        switch (exception)
        {
            case BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status413PayloadTooLarge:
                return (413, "payload_too_large", "The request body is larger than this endpoint accepts.", null);
            case BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status415UnsupportedMediaType:
                return (415, "unsupported_media_type", "Send the body as application/json.", null);
            case BadHttpRequestException { InnerException: JsonException json }:
                return ClassifyJson(json);
            case JsonException json:
                return ClassifyJson(json);
            case BadHttpRequestException bad when bad.Message.Contains("no body was provided", StringComparison.Ordinal):
                return (400, "missing_body", "This endpoint needs a JSON body.", null);
            case BadHttpRequestException bad:
                return (bad.StatusCode is >= 400 and < 500 ? bad.StatusCode : 400, "bad_request", bad.Message, null);
            case OperationCanceledException:
                return (499, "request_aborted", "The request was cancelled.", null);
            default:
                return (500, "internal_error", "Something went wrong on the server; it has been logged.", null);
        }
    }

    private static (int, string, string, string?) ClassifyJson(JsonException json)
    {
        var message = json.Message;
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            return (400, "unknown_field", "The body has a field this endpoint does not know.", json.Path);
        }
        if (message.Contains("could not be converted", StringComparison.Ordinal) || message.Contains("missing required properties", StringComparison.Ordinal))
        {
            var code = message.Contains("missing required", StringComparison.Ordinal) ? "missing_field" : "invalid_type";
            return (400, code, code == "missing_field" ? "A required field is missing." : "A field has the wrong type.", json.Path);
        }
        return (400, "invalid_json", "The body is not valid JSON.", json.Path);
    }
}
