namespace Parley.Cli;

/// <summary>Start-up stopped because configuration is wrong; each problem names its key.</summary>
internal sealed class ConfigurationInvalidException(IReadOnlyList<string> problems)
    : Exception("configuration is invalid: " + string.Join("; ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
