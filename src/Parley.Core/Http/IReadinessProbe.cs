namespace Parley.Core.Http;

/// <summary>
/// Something besides the databases a node needs to be ready (a module's backplane connection, say);
/// <c>/readyz</c> asks every registered probe.
/// </summary>
public interface IReadinessProbe
{
    /// <summary>A short problem ("chat: redis unreachable") or null when all is well. Never a secret.</summary>
    Task<string?> ProblemAsync(CancellationToken cancellationToken);
}
