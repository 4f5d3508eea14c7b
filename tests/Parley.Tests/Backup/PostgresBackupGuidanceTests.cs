using Parley.Backup;

namespace Parley.Tests.Backup;

public sealed class PostgresBackupGuidanceTests
{
    [Fact]
    public void The_pg_dump_command_names_the_server_and_one_schema_per_module_but_never_the_password()
    {
        var lines = PostgresBackupGuidance.For("Host=db.internal;Port=6543;Username=parley;Password=s3cret;Database=parley", ["core", "chat"], "/backups/parley.dump");

        Assert.Contains("  pg_dump -h db.internal -p 6543 -U parley -d parley -Fc -n core -n chat -f /backups/parley.dump", lines);
        Assert.DoesNotContain(lines, line => line.Contains("s3cret", StringComparison.Ordinal));
    }

    [Fact]
    public void Values_a_shell_would_expand_are_quoted()
    {
        var lines = PostgresBackupGuidance.For("Host=localhost;Database=it's $HOME", ["core"], "/tmp/my backup.dump");

        Assert.Contains(lines, line => line.Contains("-d 'it'\\''s $HOME'", StringComparison.Ordinal) && line.Contains("-f '/tmp/my backup.dump'", StringComparison.Ordinal));
    }
}
