using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Jobs;
using Parley.Modmail.Alerts;
using Parley.Modmail.Blocks;
using Parley.Modmail.Desks;
using Parley.Modmail.Reminders;
using Parley.Modmail.Snippets;
using Parley.Modmail.Staff;
using Parley.Modmail.Tickets;

namespace Parley.Modmail.Commands;

internal static class StaffCommandsRegistration
{
    /// <summary>
    /// The staff commands other than the engine's (reply, anonreply, edit, delete, close, force_close) and the services
    /// behind them, which the panel and the API call too.
    /// </summary>
    public static IServiceCollection AddStaffCommands(this IServiceCollection services)
    {
        services.AddScoped<ChannelUpdates>();
        services.AddScoped<UserResolver>();
        services.AddScoped<StaffRoster>();
        services.AddScoped<StaffTicketAccess>();
        services.AddScoped<CommandNotices>();
        services.AddScoped<TicketMoves>();
        services.AddScoped<TicketStaffAccess>();
        services.AddScoped<TicketAssignment>();
        services.AddScoped<TicketReminders>();
        services.AddJobHandler<ReminderJob>();
        services.AddScoped<TicketAlerts>();
        services.AddScoped<SnippetReplies>();
        services.AddScoped<MemberHistory>();
        services.AddScoped<DeskStatus>();
        services.AddScoped<BlockList>();
        services.AddScoped<MessageRecovery>();
        services.AddHostedService<RecoveryOnStart>();
        services.AddTicketCommand<NewThreadCommand>();
        services.AddTicketCommand<MoveThreadCommand>();
        services.AddTicketCommand<AddStaffCommand>();
        services.AddTicketCommand<RemoveStaffCommand>();
        services.AddTicketCommand<TakeCommand>();
        services.AddTicketCommand<ReleaseCommand>();
        services.AddTicketCommand<AddReminderCommand>();
        services.AddTicketCommand<RemoveReminderCommand>();
        services.AddTicketCommand<AlertCommand>();
        services.AddTicketCommand<SnippetCommand>();
        services.AddTicketCommand<IdCommand>();
        services.AddTicketCommand<LogsCommand>();
        services.AddTicketCommand<StatusCommand>();
        services.AddTicketCommand<PingCommand>();
        services.AddTicketCommand<HelpCommand>();
        services.AddTicketCommand<RecoverCommand>();
        services.AddTicketCommand<BlockCommand>();
        services.AddTicketCommand<UnblockCommand>();
        return services;
    }
}
