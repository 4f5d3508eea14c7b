using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Parley.Triage.Classification.Llm;

namespace Parley.Triage.Classification;

public static class ClassificationRegistration
{
    /// <summary>The classifier and what it shares across accounts: chat clients, per-provider limiters, metrics.</summary>
    public static IServiceCollection AddTriageClassification(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ChatClientFactory>();
        services.AddSingleton<ProviderRateLimiters>();
        services.AddSingleton<ClassificationMetrics>();
        services.AddSingleton<TriageClassifier>();
        return services;
    }
}
