namespace Parley;

/// <summary>Serves the built web app (web/dist, copied to wwwroot) at <c>/</c>.</summary>
internal static class WebAppHosting
{
    /// <summary>
    /// Path prefixes the server owns. An unknown path under one of them is a real 404
    /// (problem+json, or 405 for a wrong method), never the app's index page.
    /// </summary>
    internal static readonly string[] ServerPrefixes = ["api", "hubs", "openapi", "metrics", "healthz", "readyz", "api-docs"];

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
        // Client-side routes: any path that is not a file and not under a server prefix. The regex
        // constraint keeps server paths out of this endpoint altogether, so routing still answers
        // 404 or 405 there as it would without the app.
        var clientRoutes = "{*path:nonfile:regex(^(?!(" + string.Join('|', ServerPrefixes) + ")(/|$)))}";

        if (!app.Environment.WebRootFileProvider.GetFileInfo("index.html").Exists)
        {
            app.MapGet("/", NotBuilt).ExcludeFromDescription();
            app.MapFallback(clientRoutes, NotBuilt).ExcludeFromDescription();
            return app;
        }

        var files = new StaticFileOptions { OnPrepareResponse = context => AddHeaders(context.Context) };
        // "/" carries no catch-all value for the constraint to match, so it is served as the default file.
        app.UseDefaultFiles();
        app.UseStaticFiles(files);
        app.MapFallbackToFile(clientRoutes, "index.html", files);
        return app;
    }

    private static IResult NotBuilt(HttpContext context)
    {
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Text(NotBuiltMessage, "text/plain; charset=utf-8");
    }

    private static void AddHeaders(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        var path = context.Request.Path;
        if (path.StartsWithSegments("/assets", StringComparison.OrdinalIgnoreCase))
        {
            headers.CacheControl = ImmutableCache;
            return;
        }
        // Everything else (index.html above all) is revalidated, so a new release shows at once.
        headers.CacheControl = "no-cache";
        if (IsHtml(context.Response.ContentType))
        {
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
        }
    }

    private static bool IsHtml(string? contentType) =>
        contentType is not null && contentType.StartsWith("text/html", StringComparison.OrdinalIgnoreCase);
}
