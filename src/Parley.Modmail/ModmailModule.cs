using Microsoft.AspNetCore.Builder;
using Parley.Core.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Storage;
using Parley.Modmail.Closing;
using Parley.Modmail.Panel;
using Parley.Modmail.Commands;
using Parley.Modmail.Staff;
using Parley.Modmail.Storage;
using Parley.Modmail.Tickets;
using Parley.Modmail.Commands.Tickets;
using Parley.Modmail.Desks;
using Parley.Modmail.Transports;
using Parley.Modmail.Transports.Chat;
using Parley.Chat.Communities;
using Parley.Chat.Messages;
using Parley.Core.Events;
using Parley.Core.Jobs;
using Parley.Modmail.Transports.Email;
using Parley.Mail;

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
        builder.Services.AddSingleton<TicketLocks>();
        builder.Services.AddScoped<TicketAudience>();
        builder.Services.AddScoped<MemberTransports>();
        builder.Services.AddScoped<IMemberTransport, ChatTransport>();
        builder.Services.AddJobHandler<ScheduledCloseJob>();
        builder.Services.AddEventHandler<ChatMessagePosted, ChatMessageRouter>();
        builder.Services.AddEventHandler<ChatMemberLeft, MemberLeftHandler>();
        builder.Services.AddTicketCommand<ReplyCommand>();
        builder.Services.AddTicketCommand<AnonReplyCommand>();
        builder.Services.AddTicketCommand<EditCommand>();
        builder.Services.AddTicketCommand<DeleteCommand>();
        builder.Services.AddTicketCommand<CloseCommand>();
        builder.Services.AddTicketCommand<ForceCloseCommand>();
        // -- category choice by the member (category_choices)
        builder.Services.AddJobHandler<CategoryChoiceJob>();
        // -- the other commands: blocks, alerts, reminders, assignment, staff, categories, snippets, logs, recover
        builder.Services.AddStaffCommands();
        // -- email transport
        builder.Services.AddScoped<IMemberTransport, EmailTransport>();
        builder.Services.AddEventHandler<EmailReceived, EmailReceivedHandler>();
        builder.Services.AddJobHandler<EmailIntakeJob>();
        // -- recovery without gaps (cursors per desk and support inbox), files relayed as files
        builder.Services.AddScoped<MemberDms>();
        builder.Services.AddScoped<ITransportRecovery, ChatRecovery>();
        builder.Services.AddScoped<ITransportRecovery, EmailRecovery>();
        // -- panel API, external API, webhooks
        builder.Services.AddModmailPanel(builder.Configuration);
        // -- import
        builder.Services.AddScoped<Import.RustmailImport>();
        return builder;
    }

    public static WebApplication MapModmail(this WebApplication app)
    {
        // -- tickets
        app.MapDesks();
        // -- email transport
        app.MapSupportInboxes();
        // -- panel API, external API, webhooks
        PanelApi.Map(app);
        return app;
    }
}
