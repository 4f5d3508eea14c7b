using Microsoft.Extensions.DependencyInjection;

namespace Parley.Core.Events;

public static class EventsRegistration
{
    public static IServiceCollection AddEvents(this IServiceCollection services)
    {
        return services;
    }
}
