namespace Parley.Core.Storage;

/// <summary>
/// One module's database as the host knows it: its name (the SQLite file name and the
/// PostgreSQL schema) and the context type modules inject. The migrator, the job runner,
/// the readiness check and backups walk the registered list.
/// </summary>
public sealed record ModuleDatabase(string Name, Type ContextType);
