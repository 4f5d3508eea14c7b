namespace Parley.Core.Events;

/// <summary>Reacts to <typeparamref name="TEvent"/>; register with <see cref="EventsRegistration.AddEventHandler{TEvent, THandler}"/>.</summary>
public interface IEventHandler<in TEvent>
{
    Task HandleAsync(TEvent e, CancellationToken cancellationToken);
}
