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
            context.Request.Body = new LengthLimitedStream(context.Request.Body, limit);
        }
        await next(context);
    });

    /// <summary>Reads through to the inner stream and fails with 413 once more than the limit has come.</summary>
    private sealed class LengthLimitedStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Count(int n)
        {
            _read += n;
            if (_read > limit)
            {
                throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
            }
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
