using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Parley.Core.Http;

/// <summary>Rate limits from <see cref="HttpOptions"/>: one budget per caller for the API, a tighter one per IP for sign-in.</summary>
public static class RateLimitPolicies
{
    /// <summary>Apply to sign-in and token endpoints.</summary>
    public const string Auth = "auth";

    internal static void Configure(RateLimiterOptions options)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.OnRejected = async (context, cancellationToken) =>
        {
            if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            {
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }
            await ApiProblem.Create(429, "rate_limited", "Too many requests; slow down and retry later.").ExecuteAsync(context.HttpContext);
        };

        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            if (!context.Request.Path.StartsWithSegments("/api"))
            {
                return RateLimitPartition.GetNoLimiter("unlimited");
            }
            var limits = context.RequestServices.GetRequiredService<IOptionsMonitor<HttpOptions>>().CurrentValue;
            return RateLimitPartition.GetFixedWindowLimiter(CallerKey(context), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limits.RequestsPerMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            });
        });

        options.AddPolicy(Auth, context =>
        {
            var limits = context.RequestServices.GetRequiredService<IOptionsMonitor<HttpOptions>>().CurrentValue;
            return RateLimitPartition.GetFixedWindowLimiter("ip:" + context.Connection.RemoteIpAddress, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limits.AuthRequestsPerMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            });
        });
    }

    private static string CallerKey(HttpContext context)
    {
        var subject = context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? context.User.FindFirstValue("sub");
        return subject is not null ? "sub:" + subject : "ip:" + context.Connection.RemoteIpAddress;
    }
}
