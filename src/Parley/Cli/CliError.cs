namespace Parley.Cli;

/// <summary>Bad input to a CLI verb: printed as one line, exit code 2.</summary>
internal sealed class CliError(string message) : Exception(message);
