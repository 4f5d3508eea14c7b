using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Parley.Core.Configuration;

/// <summary>A bound configuration section, listed so <c>parley config check</c> can validate them all at once.</summary>
public sealed record ConfigSection(string Name, Type OptionsType);

public static class OptionsRegistration
{
    /// <summary>Binds <typeparamref name="T"/> to <paramref name="section"/>, validates its data annotations and fails start-up on a bad value.</summary>
    public static IServiceCollection AddValidatedOptions<T>(this IServiceCollection services, IConfiguration configuration, string section)
        where T : class
    {
        services.AddSingleton(new ConfigSection(section, typeof(T)));
        services.AddOptions<T>()
            .Bind(configuration.GetSection(section), binder => binder.ErrorOnUnknownConfiguration = false)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return services;
    }
}
