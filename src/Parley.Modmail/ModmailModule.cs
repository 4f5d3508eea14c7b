using Microsoft.AspNetCore.Builder;
using Parley.Core.Configuration;
using Parley.Core.Storage;
using Parley.Modmail.Storage;

namespace Parley.Modmail;

/// <summary>The Modmail module's two entry points: Rustmail's support tickets over Chat and Email.</summary>
public static class ModmailModule
{
    public static WebApplicationBuilder AddModmail(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<ModmailOptions>(builder.Configuration, ModmailOptions.Section);
        builder.Services.AddModuleDbContext<ModmailDbContext, SqliteModmailDbContext, PostgresModmailDbContext>(ModmailDbContext.ModuleName);
        // -- tickets: engine, commands, jobs, Chat transport
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
