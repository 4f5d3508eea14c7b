using Parley.Cli;

return await ParleyCli.RunAsync(args);

/// <summary>The hook integration tests use to find the entry assembly.</summary>
public partial class Program;
