using Parley.Chat;
using Parley.Mail;
using Parley.Modmail;
using Parley.Triage;
using Parley.Core;
using Parley.Core.Configuration;
using Scalar.AspNetCore;

namespace Parley;

/// <summary>
/// Builds the one Parley application: Core, then each module, in the order they depend on
/// each other. The server, every CLI verb and the tests start from here.
/// </summary>
public static class ParleyHost
{
    public const string ListeningBanner = "Parley listening on ";

    /// <param name="overrides">Configuration that wins over every other source (tests use it).</param>
    public static WebApplicationBuilder CreateBuilder(string[] args, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // appsettings.json and the built web app ship next to the binary; data stays in the working directory.
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddParleySources(args);
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            // A free port on loopback unless told otherwise: safe to start anywhere.
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        }
        builder.AddCore();
        builder.AddChat();
        builder.AddMail();
        builder.AddModmail();
        builder.AddTriage();
        return builder;
    }

    public static WebApplication Configure(WebApplication app)
    {
        app.MapCore();
        app.MapChat();
        app.MapMail();
        app.MapModmail();
        app.MapTriage();
        app.MapScalarApiReference("/api-docs", options => options.WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        app.UseWebApp();
        return app;
    }
}
