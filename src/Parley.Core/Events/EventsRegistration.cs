using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Parley.Core.Events;

public static class EventsRegistration
{
    public static IServiceCollection AddEvents(this IServiceCollection services)
    {
        services.TryAddSingleton<EventBus>();
        return services;
    }

    /// <summary>Subscribes <typeparamref name="THandler"/> (scoped, one instance per event) to <typeparamref name="TEvent"/>.</summary>
    public static IServiceCollection AddEventHandler<TEvent, THandler>(this IServiceCollection services)
        where THandler : class, IEventHandler<TEvent>
    {
        services.TryAddScoped<THandler>();
        services.AddSingleton(new EventSubscription(typeof(TEvent), typeof(THandler)));
        return services;
    }
}
