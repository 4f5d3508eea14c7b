using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Parley.Core.Security;

/// <summary>Accounts, sessions, API keys, audit log and the authentication that reads them.</summary>
public static class SecurityRegistration
{
    public static IServiceCollection AddParleySecurity(this IServiceCollection services, IConfiguration configuration)
    {
        return services;
    }

    public static IEndpointRouteBuilder MapSecurityApis(this IEndpointRouteBuilder endpoints)
    {
        return endpoints;
    }
}
