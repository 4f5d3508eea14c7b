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
        // -- email transport
        // -- panel API, external API, webhooks
        builder.Services.AddModmailPanel(builder.Configuration);
        // -- import
        return builder;
    }

    public static WebApplication MapModmail(this WebApplication app)
    {
        // -- tickets
        // -- email transport
        // -- panel API, external API, webhooks
        PanelApi.Map(app);
        return app;
    }
}
