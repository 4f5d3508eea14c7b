using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parley.Core.Configuration;

namespace Parley.Triage.Configuration;

public static class TriageOptionsRegistration
{
    /// <summary>Binds <c>Triage</c>, resolves <c>${ENV_VAR}</c> references and checks everything at start-up.</summary>
    public static IServiceCollection AddTriageOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<TriageOptions>(configuration, TriageOptions.Section);
        services.AddSingleton<IValidateOptions<TriageOptions>, TriageOptionsValidator>();
        services.PostConfigure<TriageOptions>(EnvironmentReferences.Resolve);
        return services;
    }
}
