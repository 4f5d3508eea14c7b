using Microsoft.AspNetCore.Builder;
using Parley.Core.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Storage;
using Parley.Core.Jobs;
using Parley.Modmail.Alerts;
using Parley.Modmail.Blocks;
using Parley.Modmail.Closing;
using Parley.Modmail.Desks;
using Parley.Modmail.Reminders;
using Parley.Modmail.Snippets;
using Parley.Modmail.Panel;
using Parley.Modmail.Commands;
using Parley.Modmail.Staff;
using Parley.Modmail.Storage;
using Parley.Modmail.Tickets;

namespace Parley.Modmail;

/// <summary>The Modmail module's two entry points: Rustmail's support tickets over Chat and Email.</summary>
public static class ModmailModule
{
    public static WebApplicationBuilder AddModmail(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<ModmailOptions>(builder.Configuration, ModmailOptions.Section);
        builder.Services.AddModuleDbContext<ModmailDbContext, SqliteModmailDbContext, PostgresModmailDbContext>(ModmailDbContext.ModuleName);
        // The seams between the parts (each part registers its own services below its line).
        builder.Services.AddScoped<MemberMessages>();
        builder.Services.AddScoped<StaffReplies>();
        builder.Services.AddScoped<TicketClosing>();
        builder.Services.AddScoped<TicketChannels>();
        builder.Services.AddScoped<TicketCommands>();
        builder.Services.AddScoped<PanelAccess>();
        // -- tickets: engine, Chat transport, reply/edit/delete/close commands
        // -- the other commands: blocks, alerts, reminders, assignment, staff, categories, snippets, logs, recover
        builder.Services.AddScoped<ChannelUpdates>();
        builder.Services.AddScoped<UserResolver>();
        builder.Services.AddScoped<StaffRoster>();
        builder.Services.AddScoped<StaffTicketAccess>();
        builder.Services.AddScoped<CommandNotices>();
        builder.Services.AddScoped<TicketMoves>();
        builder.Services.AddScoped<TicketStaffAccess>();
        builder.Services.AddScoped<TicketAssignment>();
        builder.Services.AddScoped<TicketReminders>();
        builder.Services.AddJobHandler<ReminderJob>();
        builder.Services.AddScoped<TicketAlerts>();
        builder.Services.AddScoped<SnippetReplies>();
        builder.Services.AddScoped<MemberHistory>();
        builder.Services.AddScoped<DeskStatus>();
        builder.Services.AddScoped<BlockList>();
        builder.Services.AddScoped<MessageRecovery>();
        builder.Services.AddHostedService<RecoveryOnStart>();
        builder.Services.AddTicketCommand<NewThreadCommand>();
        builder.Services.AddTicketCommand<MoveThreadCommand>();
        builder.Services.AddTicketCommand<AddStaffCommand>();
        builder.Services.AddTicketCommand<RemoveStaffCommand>();
        builder.Services.AddTicketCommand<TakeCommand>();
        builder.Services.AddTicketCommand<ReleaseCommand>();
        builder.Services.AddTicketCommand<AddReminderCommand>();
        builder.Services.AddTicketCommand<RemoveReminderCommand>();
        builder.Services.AddTicketCommand<AlertCommand>();
        builder.Services.AddTicketCommand<SnippetCommand>();
        builder.Services.AddTicketCommand<IdCommand>();
        builder.Services.AddTicketCommand<LogsCommand>();
        builder.Services.AddTicketCommand<StatusCommand>();
        builder.Services.AddTicketCommand<PingCommand>();
        builder.Services.AddTicketCommand<HelpCommand>();
        builder.Services.AddTicketCommand<RecoverCommand>();
        builder.Services.AddTicketCommand<BlockCommand>();
        builder.Services.AddTicketCommand<UnblockCommand>();
        // -- email transport
        // -- panel API, external API, webhooks
        // -- import
        return builder;
    }

    public static WebApplication MapModmail(this WebApplication app)
    {
        // -- tickets
        // -- email transport
        // -- panel API, external API, webhooks
        return app;
    }
}
