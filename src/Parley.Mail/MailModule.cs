using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parley.Core.Configuration;
using Parley.Core.Jobs;
using Parley.Core.Storage;
using Parley.Mail.Delivery;
using Parley.Mail.Inbound;
using Parley.Mail.Messages;
using Parley.Mail.Outbound;
using Parley.Mail.Storage;
using Parley.Mail.Suppression;
using Parley.Mail.Threads;
using Parley.Mail.Webhooks;

namespace Parley.Mail;

/// <summary>The Mail module's two entry points: programmable email with Parley's own SMTP server.</summary>
public static class MailModule
{
    public static WebApplicationBuilder AddMail(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<MailOptions>(builder.Configuration, MailOptions.Section);
        builder.Services.AddModuleDbContext<MailDbContext, SqliteMailDbContext, PostgresMailDbContext>(MailDbContext.ModuleName);
        // The seams between the parts (each part registers its own services below its line).
        builder.Services.AddScoped<MailThreader>();
        builder.Services.AddScoped<MailMessageStore>();
        builder.Services.AddScoped<InboundAuthentication>();
        builder.Services.AddScoped<DeliveryReports>();
        builder.Services.AddScoped<MailWebhooks>();
        builder.Services.AddSingleton<DkimKeys>();
        builder.Services.AddScoped<SmtpSubmission>();
        // -- receiving (SMTP server, inbound pipeline)
        // -- threading and parsing
        // -- sending
        builder.Services.AddSingleton<IValidateOptions<MailOptions>, OutboundOptionsValidator>();
        builder.Services.AddSingleton<SuppressionList>();
        builder.Services.AddSingleton<MxResolver>();
        builder.Services.AddSingleton<MailTransfer>();
        builder.Services.AddScoped<OutboundQueue>();
        builder.Services.AddScoped<DeliveryRecorder>();
        builder.Services.AddScoped<BounceNotices>();
        builder.Services.AddJobHandler<DeliveryJob>();
        // -- API, auth keys, webhooks
        return builder;
    }

    public static WebApplication MapMail(this WebApplication app)
    {
        // -- receiving
        // -- sending
        app.MapSendApi();
        // -- API, auth keys, webhooks
        return app;
    }
}
