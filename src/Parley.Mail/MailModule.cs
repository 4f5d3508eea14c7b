using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parley.Core.Configuration;
using Parley.Core.Security;
using Parley.Core.Webhooks;
using Parley.Mail.Api;
using Parley.Mail.AuthKeys;
using Parley.Mail.Domains;
using Parley.Core.Jobs;
using Parley.Core.Storage;
using Parley.Mail.Delivery;
using Parley.Mail.Dns;
using Parley.Mail.Inbound;
using Parley.Mail.Inboxes;
using Parley.Mail.Messages;
using Parley.Mail.Outbound;
using Parley.Mail.Smtp;
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
        builder.Services.AddSingleton<IValidateOptions<MailOptions>, SmtpOptionsValidator>();
        builder.Services.AddSingleton<SmtpListener>();
        builder.Services.AddSingleton<SmtpCertificate>();
        builder.Services.AddSingleton<SmtpAuthenticator>();
        builder.Services.AddScoped<InboundMail>();
        builder.Services.AddHostedService<SmtpServer>();
        // -- threading and parsing
        builder.Services.AddOptions<MailOptions>().Validate(o => Validator.TryValidateObject(o.Inbound, new ValidationContext(o.Inbound), null, true), "Mail:Inbound: a setting is out of range (see docs/configuration.md)");
        builder.Services.AddSingleton<MailDns>();
        builder.Services.AddScoped<SpfEvaluator>();
        builder.Services.AddScoped<DkimVerification>();
        builder.Services.AddScoped<DmarcEvaluator>();
        // -- sending
        builder.Services.AddSingleton<IValidateOptions<MailOptions>, OutboundOptionsValidator>();
        builder.Services.AddSingleton<SuppressionList>();
        builder.Services.AddSingleton<MxResolver>();
        builder.Services.AddSingleton<MailTransfer>();
        builder.Services.AddScoped<OutboundQueue>();
        builder.Services.AddScoped<DeliveryRecorder>();
        builder.Services.AddScoped<BounceNotices>();
        builder.Services.AddJobHandler<DeliveryJob>();
        // Public services for other modules (Modmail, Triage): inboxes, stored messages, labels and thread states, sending.
        builder.Services.AddScoped<InboxDirectory>();
        builder.Services.AddScoped<MessageReader>();
        builder.Services.AddScoped<ReceivedMail>();
        builder.Services.AddScoped(s => new MessageLabels(s.GetRequiredService<MailDbContext>(), s.GetRequiredService<MailWebhooks>(), s.GetRequiredService<TimeProvider>()));
        builder.Services.AddScoped(s => new ThreadStateChanges(s.GetRequiredService<MailDbContext>(), s.GetRequiredService<MailWebhooks>()));
        builder.Services.AddScoped(s => new MailSender(
            s.GetRequiredService<MailDbContext>(), s.GetRequiredService<OutboundQueue>(), s.GetRequiredService<SuppressionList>(), s.GetRequiredService<TimeProvider>()));
        // -- API, auth keys, webhooks
        builder.Services.AddValidatedOptions<MailAuthOptions>(builder.Configuration, MailAuthOptions.Section);
        builder.Services.AddValidatedOptions<MailWebhooksOptions>(builder.Configuration, MailWebhooksOptions.Section);
        builder.Services.AddScoped<DomainVerifier>();
        builder.Services.AddScoped<WebhookVerification>();
        builder.Services.AddScoped<IWebhookEndpointSource, MailWebhookEndpointSource>();
        builder.Services.AddBearerScheme<MailJwtAuthenticationHandler>(MailJwtAuthenticationHandler.SchemeName, MailJwtAuthenticationHandler.Accepts);
        return builder;
    }

    public static WebApplication MapMail(this WebApplication app)
    {
        // -- receiving
        // -- sending
        app.MapSendApi();
        // -- API, auth keys, webhooks
        MailApi.Map(app);
        return app;
    }
}
