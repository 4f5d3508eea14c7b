using Parley.Core.Configuration;

namespace Parley.Cli;

/// <summary>Builds the application for a CLI verb, refusing to go on when configuration is wrong.</summary>
internal static class CliHost
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? customize = null)
    {
        WebApplicationBuilder builder;
        try
        {
            builder = ParleyHost.CreateBuilder(args);
        }
        catch (InvalidDataException ex)
        {
            // A configuration file that does not parse: say which file, where and why.
            throw new ConfigurationInvalidException([ex.InnerException?.Message ?? ex.Message]);
        }
        customize?.Invoke(builder);
        var app = builder.Build();
        var problems = ConfigurationProblems.Find(app.Services, app.Configuration);
        if (problems.Count > 0)
        {
            throw new ConfigurationInvalidException(problems);
        }
        return app;
    }
}
