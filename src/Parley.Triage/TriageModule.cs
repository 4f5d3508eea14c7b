using Microsoft.AspNetCore.Builder;
using Parley.Core.Storage;
using Parley.Triage.Classification;
using Parley.Triage.Storage;

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
        // -- IMAP: accounts, watching (IDLE / polling), actions on the server
        // -- classification: rules, LLM providers, prompts
        builder.Services.AddTriageClassification();
        return builder;
    }

    public static WebApplication MapTriage(this WebApplication app)
    {
        // -- storage, configuration, retention
        // -- IMAP
        // -- classification
        return app;
    }
}
