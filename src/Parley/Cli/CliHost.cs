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
        catch (FileNotFoundException ex)
        {
            throw new ConfigurationInvalidException([$"configuration file not found: {ex.FileName ?? ex.Message}"]);
        }
        catch (InvalidDataException ex)
        {
            // A configuration file that does not parse: say which file, where and why.
            throw new ConfigurationInvalidException([ex.InnerException?.Message ?? ex.Message]);
        }
        customize?.Invoke(builder);
        var problems = ConfigurationProblems.Find(builder.Services, builder.Configuration);
        if (problems.Count > 0)
        {
            throw new ConfigurationInvalidException(problems);
        }
        return builder.Build();
    }
}
