using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Parley.Core.Configuration;

namespace Parley.Core.Http;

/// <summary>The HTTP conventions every module's endpoints share.</summary>
public static class HttpRegistration
{
    public const string MeterPrefix = "Parley.";

    public static IServiceCollection AddParleyHttp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<HttpOptions>(configuration, HttpOptions.Section);

        services.ConfigureHttpJsonOptions(options => ConfigureJson(options.SerializerOptions));
        // Bad JSON throws so the exception handler can answer with a precise problem code.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<HttpOptions>>((kestrel, limits) =>
            kestrel.Limits.MaxRequestBodySize = limits.Value.MaxRequestBodyBytes);
        services.AddOptions<FormOptions>().Configure<IOptions<HttpOptions>>((form, limits) =>
            form.MultipartBodyLengthLimit = limits.Value.MaxRequestBodyBytes);

        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
            context.ProblemDetails.Extensions.TryAdd("code", CodeFor(status));
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddRateLimiter(RateLimitPolicies.Configure);
        services.AddOpenApi();
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("parley"))
            .WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddMeter(MeterPrefix + "*")
            .AddPrometheusExporter());
        services.AddAuthentication();
        services.AddAuthorization();
        return services;
    }

    public static void ConfigureJson(JsonSerializerOptions json)
    {
        json.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        json.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        json.NumberHandling = JsonNumberHandling.Strict;
        json.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
    }

    public static WebApplication UseParleyHttp(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestBodyLimit();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => TypedResults.Ok(LivenessReport.Live)).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapGet("/readyz", ReadinessCheck.CheckAsync).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapPrometheusScrapingEndpoint("/metrics");
        endpoints.MapOpenApi();
        return endpoints;
    }

    private static string CodeFor(int status) => status switch
    {
        400 => "bad_request",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not_found",
        405 => "method_not_allowed",
        413 => "payload_too_large",
        415 => "unsupported_media_type",
        429 => "rate_limited",
        _ => status >= 500 ? "internal_error" : "error",
    };
}

/// <summary>What <c>/healthz</c> answers: the process is up (readiness is <c>/readyz</c>).</summary>
internal sealed record LivenessReport(string Status)
{
    public static readonly LivenessReport Live = new("live");
}
