namespace Parley;

/// <summary>Serves the built web app (web/dist, copied to wwwroot) at <c>/</c>.</summary>
internal static class WebAppHosting
{
    /// <summary>
    /// Path prefixes the server owns. An unknown path under one of them gets routing's own answer
    /// (404 problem+json, or 405 for a wrong method), never the app's page.
    /// </summary>
    internal static readonly string[] ServerPrefixes = ["/api", "/hubs", "/openapi", "/metrics", "/healthz", "/readyz", "/api-docs"];

    /// <summary>Scripts and styles only from our own origin: the built app has no inline script or style.</summary>
    internal const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    internal const string NotBuiltMessage =
        "Parley's web app was not built, so this server offers only its API (/api, /api-docs).\n" +
        "Build it with `dotnet build` (without -p:SkipWebBuild=true), or with `npm ci && npm run build` in web/.\n";

    // Hashed file names under /assets never change content, so browsers may keep them for a year.
    private const string ImmutableCache = "public, max-age=31536000, immutable";

    public static WebApplication UseWebApp(this WebApplication app)
    {
        var built = app.Environment.WebRootFileProvider.GetFileInfo("index.html").Exists;

        // The fallback for client-side routes is middleware that runs after routing has found
        // nothing, rather than MapFallbackToFile: a fallback endpoint takes part in routing and,
        // being GET-only, turns POST /api/unknown into 405 and GET on a POST-only API route into 404.
        app.Use((context, next) =>
        {
            if (!IsClientRoute(context))
            {
                return next(context);
            }
            if (!built)
            {
                return WriteNotBuiltAsync(context);
            }
            context.Request.Path = "/index.html";
            return next(context);
        });

        if (built)
        {
            app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = file => AddHeaders(file.Context) });
        }
        return app;
    }

    /// <summary>A page load the app routes itself: nothing on the server matched, and it is not a file or a server path.</summary>
    private static bool IsClientRoute(HttpContext context)
    {
        var request = context.Request;
        if (context.GetEndpoint() is not null || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)))
        {
            return false;
        }
        var path = request.Path;
        foreach (var prefix in ServerPrefixes)
        {
            if (path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }
        // A dot in the last segment means a file (favicon.ico, /assets/x.js): a missing one is a 404.
        var value = path.Value ?? "/";
        return !value[(value.LastIndexOf('/') + 1)..].Contains('.', StringComparison.Ordinal);
    }

    private static Task WriteNotBuiltAsync(HttpContext context)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.CacheControl = "no-cache";
        return context.Response.WriteAsync(NotBuiltMessage, context.RequestAborted);
    }

    private static void AddHeaders(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        if (context.Request.Path.StartsWithSegments("/assets", StringComparison.OrdinalIgnoreCase))
        {
            headers.CacheControl = ImmutableCache;
            return;
        }
        // Everything else (index.html above all) is revalidated, so a new release shows at once.
        headers.CacheControl = "no-cache";
        if (context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
        {
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
        }
    }
}
