using System.Net;
using Parley.Cli;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;

namespace Parley.Tests.Cli;

[Collection(ConsoleCollection.Name)]
public sealed class SecurityCliTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("parley-cli-").FullName;

    private async Task<(int Exit, string Out, string Error)> RunAsync(params string[] args)
    {
        using var capture = new ConsoleCapture();
        var exit = await ParleyCli.RunAsync([.. args,
            "--Storage:DataDirectory=" + _dataDirectory,
            "--Auth:Argon2:MemoryKiB=1024", "--Auth:Argon2:Iterations=1", "--Auth:Argon2:Lanes=1",
            "--Logging:LogLevel:Default=Warning"]);
        return (exit, capture.Out, capture.Error);
    }

    private Task<TestApp> StartAppOnTheSameDataAsync() =>
        TestApp.StartAsync(TestDatabase.Sqlite, new Dictionary<string, string?> { ["Storage:DataDirectory"] = _dataDirectory });

    [Fact]
    public async Task Users_create_list_and_disable_work_and_bad_input_exits_2()
    {
        var created = await RunAsync("users", "create", "bob", "--password", "bobs-long-password", "--email", "bob@example.test", "--role", "admin");
        Assert.Equal(0, created.Exit);
        Assert.Contains("Created admin 'bob'", created.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("bobs-long-password", created.Out, StringComparison.Ordinal);

        var duplicate = await RunAsync("users", "create", "bob", "--password", "another-long-password");
        Assert.Equal(2, duplicate.Exit);
        Assert.Contains("taken", duplicate.Error, StringComparison.Ordinal);
        Assert.Equal(2, (await RunAsync("users", "create", "carl", "--role", "superuser")).Exit);
        Assert.Equal(2, (await RunAsync("users", "create", "dora", "--password", "short")).Exit);

        var list = await RunAsync("users", "list");
        Assert.Equal(0, list.Exit);
        var bobRow = Assert.Single(list.Out.Split('\n'), line => line.StartsWith("bob ", StringComparison.Ordinal));
        Assert.Contains("admin", bobRow, StringComparison.Ordinal);
        Assert.Contains("active", bobRow, StringComparison.Ordinal);

        await using (var app = await StartAppOnTheSameDataAsync())
        {
            await app.SignInAsync("bob", "bobs-long-password");
        }

        Assert.Equal(0, (await RunAsync("users", "disable", "bob")).Exit);
        Assert.Equal(2, (await RunAsync("users", "disable", "nobody")).Exit);
        Assert.Contains("disabled", (await RunAsync("users", "list")).Out, StringComparison.Ordinal);
        await using (var app = await StartAppOnTheSameDataAsync())
        {
            using var login = await app.LoginAsync("bob", "bobs-long-password");
            Assert.Equal(HttpStatusCode.Forbidden, login.StatusCode);
        }
    }

    [Fact]
    public async Task Users_create_without_a_password_prints_a_one_time_password_that_works()
    {
        var created = await RunAsync("users", "create", "eve");
        Assert.Equal(0, created.Exit);
        var password = created.Out.Split('\n').Single(l => l.StartsWith("One-time password: ", StringComparison.Ordinal))["One-time password: ".Length..].Trim();
        Assert.Equal(20, password.Length);

        await using var app = await StartAppOnTheSameDataAsync();
        var tokens = await app.SignInAsync("eve", password);
        Assert.True(tokens.User.GetProperty("password_must_change").GetBoolean());
    }

    [Fact]
    public async Task An_api_key_printed_by_the_cli_works_until_revoked_by_the_cli()
    {
        Assert.Equal(2, (await RunAsync("apikeys", "create", "--name", "ci", "--permission", "root")).Exit);
        Assert.Equal(2, (await RunAsync("apikeys", "create", "--name", "ci", "--expires-in", "soon")).Exit);

        var created = await RunAsync("apikeys", "create", "--name", "ci", "--permission", "users.read", "--permission", "audit.read", "--expires-in", "30d");
        Assert.Equal(0, created.Exit);
        var key = created.Out.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("pk_", StringComparison.Ordinal));

        var list = await RunAsync("apikeys", "list");
        Assert.Equal(0, list.Exit);
        var row = Assert.Single(list.Out.Split('\n'), line => line.Contains(" ci ", StringComparison.Ordinal));
        Assert.Contains(key[..11], row, StringComparison.Ordinal);
        Assert.DoesNotContain(key, list.Out, StringComparison.Ordinal);
        var id = row.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];

        await using var app = await StartAppOnTheSameDataAsync();
        using (var allowed = await app.SendAsync(HttpMethod.Get, "/api/admin/audit", key))
        {
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }
        using (var notGranted = await app.SendAsync(HttpMethod.Get, "/api/admin/api-keys", key))
        {
            Assert.Equal(HttpStatusCode.Forbidden, notGranted.StatusCode);
        }

        Assert.Equal(0, (await RunAsync("apikeys", "revoke", id)).Exit);
        Assert.Equal(2, (await RunAsync("apikeys", "revoke", "999")).Exit);
        using var revoked = await app.SendAsync(HttpMethod.Get, "/api/admin/audit", key);
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is harmless in a temp directory.
        }
    }
}
