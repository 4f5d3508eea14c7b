namespace Parley.IntegrationTests.Infrastructure;

/// <summary>
/// Finds the built <c>parley.dll</c>: <c>PARLEY_DLL</c> when set, else src/Parley's build output for
/// the configuration these tests were built in (the project reference builds it first).
/// </summary>
public static class ParleyBinary
{
    public static string DllPath { get; } = Locate();

    private static string Locate()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("PARLEY_DLL");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }
        // .../tests/Parley.IntegrationTests/bin/<Configuration>/net10.0/
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var framework = here.Name;
        var configuration = here.Parent!.Name;
        for (var dir = here; dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Parley.slnx")))
            {
                var dll = Path.Combine(dir.FullName, "src", "Parley", "bin", configuration, framework, "parley.dll");
                return File.Exists(dll) ? dll : throw new FileNotFoundException($"parley.dll is not built at {dll}; build Parley.slnx first.");
            }
        }
        throw new DirectoryNotFoundException($"No Parley.slnx above {AppContext.BaseDirectory}; set PARLEY_DLL.");
    }
}
