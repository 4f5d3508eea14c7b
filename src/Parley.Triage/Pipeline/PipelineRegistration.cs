using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parley.Triage.Configuration;
using Parley.Triage.DeadLetters;
using Parley.Triage.Imap;

namespace Parley.Triage.Pipeline;

internal static class PipelineRegistration
{
    /// <summary>Accounts watched, each email processed (the sink), dead letters reprocessed, account operations.</summary>
    public static IServiceCollection AddTriagePipeline(this IServiceCollection services)
    {
        services.AddSingleton<IValidateOptions<TriageOptions>, RuleCompileValidator>();
        services.AddSingleton<RunningAccounts>();
        services.AddSingleton<PausedAccounts>();
        services.AddSingleton<PipelineMetrics>();
        services.AddSingleton<TriageEmailProcessor>();
        services.AddSingleton<ITriageEmailSink>(sp => sp.GetRequiredService<TriageEmailProcessor>());
        services.AddSingleton<IDeadLetterReprocessor, TriageDeadLetterReprocessor>();
        services.AddSingleton<TriageWatching>();
        services.AddHostedService(sp => sp.GetRequiredService<TriageWatching>());
        services.AddScoped<AccountStatuses>();
        services.AddScoped<Forwarding.EmailForwarder>();
        services.AddScoped<Forwarding.ForwardLedger>();
        return services;
    }

    public static WebApplication MapTriagePipeline(this WebApplication app)
    {
        app.MapTriageAccounts();
        // The dead-letter gauge is observable: create the instruments with the app, not on the first email.
        app.Services.GetRequiredService<PipelineMetrics>();
        return app;
    }
}
