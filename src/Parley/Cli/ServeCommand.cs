using System.CommandLine;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Parley.Cli;

/// <summary><c>parley serve</c>: migrate, then serve the API, the real-time hubs and the web app.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var command = new Command("serve", "Run the server (the default verb).") { TreatUnmatchedTokensAsErrors = false };
        command.SetAction((result, cancellationToken) => RunAsync(ConfigOverrides.Validate(result.UnmatchedTokens), cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        await using var app = CliHost.Build(args);
        ParleyHost.Configure(app);
        await app.StartAsync(cancellationToken);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            Console.WriteLine(ParleyHost.ListeningBanner + address);
        }
        await app.WaitForShutdownAsync(cancellationToken);
        return ParleyCli.Ok;
    }
}
