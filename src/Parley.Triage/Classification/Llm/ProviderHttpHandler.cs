using System.Net;

namespace Parley.Triage.Classification.Llm;

/// <summary>
/// Sits under both SDKs' HTTP clients and turns an error answer into one of our exceptions before the SDK sees it, so
/// a 429 (with its Retry-After) and other HTTP errors are read the same way for OpenAI-compatible servers and
/// Anthropic, and neither SDK retries behind our limiter's back.
/// </summary>
internal sealed class ProviderHttpHandler(TimeProvider time)
    // Clients live as long as the server: recycle connections so a provider's DNS change is followed.
    : DelegatingHandler(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode) return response;
        using (response)
        {
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var retryAfter = response.Headers.RetryAfter switch
                {
                    { Delta: { } delta } => delta,
                    { Date: { } date } => date - time.GetUtcNow(),
                    _ => (TimeSpan?)null,
                };
                throw new ProviderRateLimitedException(retryAfter < TimeSpan.Zero ? TimeSpan.Zero : retryAfter);
            }
            throw new ProviderHttpException((int)response.StatusCode, response.ReasonPhrase);
        }
    }
}

/// <summary>The provider answered 429; <see cref="RetryAfter"/> is its Retry-After, when it gave one.</summary>
public sealed class ProviderRateLimitedException(TimeSpan? retryAfter)
    : Exception($"The provider answered 429 Too Many Requests (Retry-After: {retryAfter?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}).")
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}

/// <summary>The provider answered an HTTP error other than 429. The body is not kept: it may echo the request.</summary>
public sealed class ProviderHttpException(int status, string? reason)
    : Exception($"The provider answered HTTP {status} {reason}.")
{
    public int Status { get; } = status;
}
