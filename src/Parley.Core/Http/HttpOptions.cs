using System.ComponentModel.DataAnnotations;

namespace Parley.Core.Http;

/// <summary>Request limits and rate limits: the <c>Http</c> section.</summary>
public sealed class HttpOptions
{
    public const string Section = "Http";

    /// <summary>Largest request body accepted by JSON endpoints, in bytes.</summary>
    [Range(1024, 1L << 34)]
    public long MaxRequestBodyBytes { get; set; } = 1 << 20;

    /// <summary>Requests per minute one client (user, API key or IP) may make to <c>/api</c>.</summary>
    [Range(1, 1_000_000)]
    public int RequestsPerMinute { get; set; } = 600;

    /// <summary>Sign-in and token requests per minute per IP address.</summary>
    [Range(1, 100_000)]
    public int AuthRequestsPerMinute { get; set; } = 30;
}
