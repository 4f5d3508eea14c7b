using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Parley.Chat.IncomingWebhooks;

/// <summary>
/// The per-webhook budget (<c>Chat:WebhookRequestsPerMinute</c>): partitioned by the token's hash, so
/// one noisy integration cannot flood its channel and the raw token is not kept as a key. Rejections
/// answer 429 <c>rate_limited</c> through Core's limiter.
/// </summary>
internal static class WebhookRateLimit
{
    public const string Policy = "chat-webhook";

    public static void Configure(RateLimiterOptions options) =>
        options.AddPolicy(Policy, context =>
        {
            var perMinute = context.RequestServices.GetRequiredService<IOptionsMonitor<ChatOptions>>().CurrentValue.WebhookRequestsPerMinute;
            var token = context.Request.RouteValues["token"] as string ?? "";
            return RateLimitPartition.GetFixedWindowLimiter("webhook:" + WebhookToken.Hash(token), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = perMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            });
        });
}
