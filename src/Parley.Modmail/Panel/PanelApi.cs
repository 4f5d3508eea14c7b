using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Configuration;
using Parley.Modmail.ApiKeys;
using Parley.Modmail.Blocks;
using Parley.Modmail.Desks;
using Parley.Modmail.Reminders;
using Parley.Modmail.Snippets;
using Parley.Modmail.Statistics;
using Parley.Modmail.Tickets;

namespace Parley.Modmail.Panel;

/// <summary>The ticket panel's HTTP API (<c>/api/modmail/…</c>, docs/modmail.md "Panel and API") and the external API.</summary>
internal static class PanelApi
{
    public static IServiceCollection AddModmailPanel(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<PanelOptions>(configuration, PanelOptions.Section);
        services.AddScoped<PanelSessions>();
        services.AddScoped<PanelGate>();
        services.AddScoped<TicketVisibility>();
        services.AddScoped<Staff.GrantedChannels>();
        services.AddScoped<Transcripts>();
        services.AddScoped<StaffActors>();
        services.AddScoped<TicketStatistics>();
        services.AddScoped<ModmailApiKeys>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ModmailApiKeyAuthenticationHandler>(ModmailApiKeyAuthenticationHandler.SchemeName, null);
        return services;
    }

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        DeskSettingsApi.Map(endpoints);
        CategoriesApi.Map(endpoints);
        SnippetsApi.Map(endpoints);
        BlocksApi.Map(endpoints);
        RemindersApi.Map(endpoints);
        TicketsApi.Map(endpoints);
        TicketActionsApi.Map(endpoints);
        StatisticsApi.Map(endpoints);
        PermissionsApi.Map(endpoints);
        PanelSessionsApi.Map(endpoints);
        ApiKeysApi.Map(endpoints);
        ExternalApi.Map(endpoints);
    }
}
