using Microsoft.Extensions.DependencyInjection;

namespace Parley.Modmail.Commands;

internal static class TicketCommandsRegistration
{
    /// <summary>Adds one command to the set <see cref="TicketCommands"/> looks names up in.</summary>
    public static IServiceCollection AddTicketCommand<TCommand>(this IServiceCollection services)
        where TCommand : class, ITicketCommand =>
        services.AddScoped<ITicketCommand, TCommand>();
}
