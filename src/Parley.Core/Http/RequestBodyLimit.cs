using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Parley.Core.Http;

/// <summary>
/// Enforces <see cref="HttpOptions.MaxRequestBodyBytes"/> (or an endpoint's own
/// <see cref="IRequestSizeLimitMetadata"/>, e.g. uploads) on every server, not only Kestrel:
/// a declared length over the limit is refused before reading, a chunked body when it passes it.
/// </summary>
internal static class RequestBodyLimit
{
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize
            ?? context.RequestServices.GetRequiredService<IOptionsMonitor<HttpOptions>>().CurrentValue.MaxRequestBodyBytes;

        var serverLimit = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (serverLimit is { IsReadOnly: false })
        {
            serverLimit.MaxRequestBodySize = limit;
        }
        if (context.Request.ContentLength > limit)
        {
            throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
        }
        if (context.Request.ContentLength is null && context.Request.Body.CanRead)
        {
            context.Request.Body = new LengthLimitedStream(context.Request.Body, limit,
                () => new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge));
        }
        await next(context);
    });
}
