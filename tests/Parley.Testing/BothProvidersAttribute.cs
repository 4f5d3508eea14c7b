using System.Reflection;
using Xunit.Sdk;

namespace Parley.Tests.Infrastructure;

/// <summary>
/// Runs a data test once on SQLite and once on PostgreSQL (bitwarden's pattern). The
/// PostgreSQL row needs <c>PARLEY_TEST_POSTGRES</c>, which <c>scripts/test.sh</c> sets.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BothProvidersAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) =>
    [
        [TestDatabase.Sqlite],
        [TestDatabase.Postgres],
    ];
}
