namespace Parley.Tests.Infrastructure;

/// <summary>Tests that swap <see cref="Console"/> output run one at a time: the console is process-wide.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "Console";
}
