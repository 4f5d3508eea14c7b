using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parley.Core.Accounts;
using Parley.Core.ApiKeys;
using Parley.Core.Audit;
using Parley.Core.Configuration;

namespace Parley.Core.Security;

/// <summary>Accounts, sessions, API keys, audit log and the authentication that reads them.</summary>
public static class SecurityRegistration
{
    public static IServiceCollection AddParleySecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<AuthOptions>(configuration, AuthOptions.Section);
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddValidatedOptions<AdminOptions>(configuration, AdminOptions.Section);
        services.AddHttpContextAccessor();

        services.AddSingleton<PasswordHasher>();
        services.AddSingleton<PasswordPolicy>();
        services.AddSingleton<AccessTokens>();
        services.AddSingleton<AuditLog>();
        services.AddAuditRetention(configuration);
        services.AddScoped<SessionService>();
        services.AddScoped<TotpService>();
        services.AddScoped<SignInService>();
        services.AddScoped<AccountService>();
        services.AddScoped<ApiKeyService>();
        services.AddParleyAuthentication();

        // After the migration hosted service (registered before this), so the tables exist.
        services.AddHostedService<FirstAdminHostedService>();
        return services;
    }

    public static IEndpointRouteBuilder MapSecurityApis(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapAuthApi();
        endpoints.MapAccountApi();
        endpoints.MapUsersApi();
        endpoints.MapApiKeysApi();
        endpoints.MapAuditApi();
        return endpoints;
    }
}
