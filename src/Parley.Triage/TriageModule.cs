using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parley.Core.Events;
using Parley.Core.Storage;
using Parley.Mail;
using Parley.Triage.Inboxes;
using Parley.Triage.Imap;
using Parley.Triage.Api;
using Parley.Core.Http;
using Parley.Triage.Pipeline;
using Parley.Core.Jobs;
using Parley.Triage.Audit;
using Parley.Triage.Configuration;
using Parley.Triage.Dashboard;
using Parley.Triage.DeadLetters;
using Parley.Triage.Retention;
using Parley.Triage.Classification;
using Parley.Triage.Storage;
using Parley.Triage.OAuth;
using Parley.Triage.Notifications;
using Parley.Triage.Webhooks;
using Parley.Core.Webhooks;

namespace Parley.Triage;

/// <summary>
/// The Triage module's two entry points: Mailpilot's IMAP triage — watch mailboxes, decide by rules and an LLM, act
/// on the server, record why (docs/triage.md).
/// </summary>
public static class TriageModule
{
    public static WebApplicationBuilder AddTriage(this WebApplicationBuilder builder)
    {
        builder.Services.AddModuleDbContext<TriageDbContext, SqliteTriageDbContext, PostgresTriageDbContext>(TriageDbContext.ModuleName);
        // Each part registers its services below its line.
        // -- storage, configuration (Mailpilot's YAML shape), retention
        builder.Services.AddTriageOptions(builder.Configuration);
        // Mailpilot's logging.level: the minimum level of Triage's own categories (read once, at start).
        if (builder.Configuration.GetSection(TriageOptions.Section).GetSection("logging").Get<MailpilotLoggingOptions>()?.MinimumLevel is { } triageLevel)
        {
            builder.Logging.AddFilter("Parley.Triage", triageLevel);
        }
        builder.Services.AddRecurringJob<TriageRetentionJob>(TriageRetentionJob.JobKind, TriageRetentionJob.Interval);
        builder.Services.AddScoped<TriageAuditLog>();
        builder.Services.AddScoped<DashboardAccounts>();
        builder.Services.AddTriageDashboardAuthorization();
        builder.Services.AddSingleton<RetryDelays>();
        builder.Services.AddScoped<DeadLetterQueue>();
        builder.Services.AddRecurringJob<DeadLetterRetryJob>(DeadLetterRetryJob.JobKind, DeadLetterRetryJob.Interval);
        builder.Services.AddJobHandler<DeadLetterRetryNowJob>();
        // -- IMAP: accounts, watching (IDLE / polling), actions on the server
        builder.Services.AddSingleton<ImapFolderStates>();
        builder.Services.AddSingleton(sp => new ImapConnector(sp.GetService<IImapAccessTokens>()));
        // -- classification: rules, LLM providers, prompts
        builder.Services.AddTriageClassification();
        // -- pipeline: accounts watched, each email processed (sink), dead-letter reprocessing, account operations
        builder.Services.AddTriagePipeline();
        // -- HTTP API: dashboard sign-in, audit search/export, dead letters, rule preview, sandbox, settings (live)
        builder.Services.AddSignalR().AddJsonProtocol(options => HttpRegistration.ConfigureJson(options.PayloadSerializerOptions));
        builder.Services.AddEventHandler<TriageDecisionRecorded, TriageFeedPublisher>();
        builder.Services.AddSingleton<FeedConnections>();
        builder.Services.AddSingleton<TriageSettingsFile>();
        builder.Services.AddSingleton<TriageSettingsOverride>();
        builder.Services.AddSingleton<IConfigureOptions<TriageOptions>>(sp => sp.GetRequiredService<TriageSettingsOverride>());
        builder.Services.AddSingleton<IOptionsChangeTokenSource<TriageOptions>>(sp => sp.GetRequiredService<TriageSettingsOverride>());
        builder.Services.AddScoped<TriageSettingsEditor>();
        builder.Services.AddSingleton<ReadOnlyMailbox>();
        // -- OAuth2 token refresh, attachment text, notifications, account webhooks
        builder.Services.AddHttpClient(OAuthAccessTokens.HttpClientName);
        builder.Services.AddSingleton<RotatedRefreshTokens>();
        builder.Services.AddSingleton<IImapAccessTokens, OAuthAccessTokens>();
        builder.Services.AddSingleton<AccountWebhookHealth>();
        builder.Services.AddScoped<IWebhookEndpointSource, AccountWebhookEndpoints>();
        builder.Services.AddEventHandler<TriageDecisionRecorded, AccountWebhooks>();
        builder.Services.AddEventHandler<DeadLetterRecorded, AccountWebhooks>();
        builder.Services.AddHostedService<LifecycleWebhooks>();
        builder.Services.AddEventHandler<DeadLetterRecorded, TriageNotifications>();
        //    notifications: email channel, connection lost/restored, daily summary (docs/triage.md, "Notifications")
        builder.Services.AddScoped<Forwarding.TriageMailer>();
        builder.Services.AddScoped<TriageNotifier>();
        builder.Services.AddJobHandler<NotificationEmailJob>();
        builder.Services.AddEventHandler<AccountConnectionChanged, TriageNotifications>();
        builder.Services.AddEventHandler<AccountConnectionChanged, AccountWebhooks>();
        builder.Services.AddSingleton<ConnectionOutageMonitor>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ConnectionOutageMonitor>());
        builder.Services.AddRecurringJob<DailySummarySchedule>(DailySummarySchedule.JobKind, DailySummarySchedule.Interval);
        builder.Services.AddJobHandler<DailySummaryJob>();
        // -- antivirus: attachments scanned by ClamAV's clamd before classification (docs/triage.md, "Antivirus")
        builder.Services.AddSingleton<Antivirus.ClamdScanner>();
        builder.Services.AddSingleton<Antivirus.EmailAntivirus>();
        builder.Services.AddSingleton<Antivirus.ClamdReachability>();
        // -- Parley's own Mail inboxes triaged by the same rules and LLM
        builder.Services.AddScoped<InboxTriage>();
        builder.Services.AddScoped<InboxActions>();
        builder.Services.AddEventHandler<EmailReceived, InboxMailReceived>();
        builder.Services.AddJobHandler<InboxTriageJob>();
        builder.Services.AddScoped<IDeadLetterReprocessor, InboxDeadLetterReprocessor>();
        return builder;
    }

    public static WebApplication MapTriage(this WebApplication app)
    {
        // -- storage, configuration, retention
        // -- IMAP
        // -- classification
        // -- pipeline
        app.MapTriagePipeline();
        // -- HTTP API
        app.MapTriageDashboardApi();
        app.MapTriageAuditApi();
        app.MapTriageDeadLetterApi();
        app.MapTriageSettingsApi();
        app.MapTriageRulePreviewApi();
        app.MapTriageSandboxApi();
        app.MapHub<TriageFeedHub>(TriageFeedHub.Path, options => options.CloseOnAuthenticationExpiration = true)
            .RequireAuthorization(TriageDashboardAuthorization.PolicyName);
        // -- OAuth2, attachments, notifications, webhooks
        // -- antivirus: clamd's reachability gauge exists from the start (observable instruments are created with their owner)
        app.Services.GetRequiredService<Antivirus.ClamdReachability>();
        // -- own inboxes
        return app;
    }
}
