using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Parley.Core.Events;

/// <summary>A handler type subscribed to an event type with <see cref="EventsRegistration.AddEventHandler{TEvent, THandler}"/>.</summary>
public sealed record EventSubscription(Type EventType, Type HandlerType);

/// <summary>
/// The in-process bus modules publish typed events on (<c>ChatMessagePosted</c>, <c>EmailReceived</c>, …).
/// <see cref="PublishAsync{TEvent}"/> runs the handlers of exactly <typeparamref name="TEvent"/> one after
/// another, in registration order, each in a scope of its own. A handler that throws is logged and
/// skipped: a subscriber's bug must not fail the publisher's request or starve the other subscribers.
/// Work that must not be lost belongs in a job the handler enqueues, not in the handler itself.
/// </summary>
public sealed partial class EventBus(IEnumerable<EventSubscription> subscriptions, IServiceScopeFactory scopes, ILogger<EventBus> logger)
{
    private readonly ILookup<Type, Type> _handlers = subscriptions
        .DistinctBy(s => (s.EventType, s.HandlerType))
        .ToLookup(s => s.EventType, s => s.HandlerType);

    private readonly ConcurrentDictionary<Type, Type[]> _cache = new();

    public async Task PublishAsync<TEvent>(TEvent e, CancellationToken cancellationToken = default)
        where TEvent : notnull
    {
        var handlerTypes = _cache.GetOrAdd(typeof(TEvent), type => _handlers[type].ToArray());
        foreach (var handlerType in handlerTypes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var handler = (IEventHandler<TEvent>)scope.ServiceProvider.GetRequiredService(handlerType);
                await handler.HandleAsync(e, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                LogHandlerFailed(ex, handlerType.Name, typeof(TEvent).Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Event handler {Handler} failed on {Event}")]
    private partial void LogHandlerFailed(Exception ex, string handler, string @event);
}
