namespace Parley;

/// <summary>Serves the built web app (web/dist, copied to wwwroot) at <c>/</c>.</summary>
internal static class WebAppHosting
{
    public static WebApplication UseWebApp(this WebApplication app)
    {
        return app;
    }
}
