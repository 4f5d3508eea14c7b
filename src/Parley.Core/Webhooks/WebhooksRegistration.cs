using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Parley.Core.Configuration;
using Parley.Core.Jobs;

namespace Parley.Core.Webhooks;

/// <summary>Outgoing webhooks: the publisher every module uses, the delivery job and its HTTP client, the admin API.</summary>
public static class WebhooksRegistration
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<WebhooksOptions>(configuration, WebhooksOptions.Section);
        services.AddSingleton<IValidateOptions<WebhooksOptions>, WebhooksOptionsValidator>();
        services.TryAddSingleton<WebhookTargetGuard>();
        services.TryAddSingleton<WebhookPublisher>();
        services.AddJobHandler<WebhookDeliveryJob>();
        services.AddScoped<IWebhookEndpointSource, CoreWebhookEndpoints>();

        services.AddHttpClient(WebhookDeliveryJob.HttpClientName, (sp, client) =>
            {
                client.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<WebhooksOptions>>().Value.TimeoutSeconds);
                client.DefaultRequestHeaders.UserAgent.ParseAdd("Parley-Webhooks/1");
            })
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var guard = sp.GetRequiredService<WebhookTargetGuard>();
                return new SocketsHttpHandler
                {
                    // A redirect or a proxy would connect somewhere the guard never saw.
                    AllowAutoRedirect = false,
                    UseProxy = false,
                    UseCookies = false,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                    ConnectCallback = guard.ConnectAsync,
                };
            })
            // Endpoint URLs may carry tokens; the default handler logs every request URI.
            .RemoveAllLoggers();
        return services;
    }

    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder endpoints)
    {
        WebhooksApi.Map(endpoints);
        return endpoints;
    }
}
