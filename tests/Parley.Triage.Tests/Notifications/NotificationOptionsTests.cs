using Parley.Triage.Tests.Configuration;

namespace Parley.Triage.Tests.Notifications;

/// <summary>The notification keys and account webhooks' headers, each bad value named by its key at start-up.</summary>
public sealed class NotificationOptionsTests
{
    [Theory]
    [InlineData("email: { enabled: true }", "Triage:notifications:email: give email:from_inbox or email:smtp when email:enabled is true")]
    [InlineData("email: { from_inbox: nobody }", "Triage:notifications:email:from_inbox: must be an address")]
    [InlineData("email: { from_inbox: a@b.test, from: c@d.test, smtp: { host: h } }", "Triage:notifications:email:smtp:host: give email:from_inbox or email:smtp, not both")]
    [InlineData("email: { smtp: { host: h } }", "Triage:notifications:email:from: required with email:smtp")]
    [InlineData("email: { from: nobody, smtp: { host: h } }", "Triage:notifications:email:from: must be an address")]
    [InlineData("email: { from: a@b.test, smtp: { host: h, port: 0 } }", "Triage:notifications:email:smtp:port: must be 1–65535")]
    [InlineData("email: { from: a@b.test, smtp: { host: h, username: x } }", "Triage:notifications:email:smtp:password: required with email:smtp:username")]
    [InlineData("connection_lost_after: 0s", "Triage:notifications:connection_lost_after: must be at least 1s")]
    [InlineData("daily_summary: { time: '25:00' }", "Triage:notifications:daily_summary:time: must be HH:mm")]
    [InlineData("daily_summary: { time: '8am' }", "Triage:notifications:daily_summary:time: must be HH:mm")]
    [InlineData("daily_summary: { time_zone: Mars/Olympus }", "Triage:notifications:daily_summary:time_zone: unknown time zone 'Mars/Olympus'")]
    public void Each_bad_notification_value_is_named_by_its_key(string line, string expected)
    {
        using var config = new TriageConfiguration("triage:\n  notifications:\n    " + line + "\n");

        var problems = config.Problems();
        Assert.True(problems.Any(p => p.StartsWith(expected, StringComparison.Ordinal)), "expected '" + expected + "' among: " + string.Join(" | ", problems));
    }

    [Theory]
    [InlineData("Content-Type")]
    [InlineData("parley-signature")]
    [InlineData("Host")]
    [InlineData("Content-Length")]
    [InlineData("Parley-Event")]
    public void A_webhook_header_the_delivery_sets_itself_is_refused_by_its_key(string header)
    {
        using var config = new TriageConfiguration(Account($"headers: {{ '{header}': 'x' }}"));

        var problems = config.Problems();
        Assert.Contains($"Triage:accounts:0:webhooks:0:headers:{header}: is set by the delivery itself and cannot be overridden", problems);
    }

    [Fact]
    public void A_webhook_header_name_that_is_no_token_is_refused_and_its_value_never_shown()
    {
        using var config = new TriageConfiguration(Account("headers: { 'Bad Name': 'token-123', X-Ok: \"two\\nlines-456\" }"));

        var problems = config.Problems();
        Assert.Contains("Triage:accounts:0:webhooks:0:headers:Bad Name: is not a valid header name", problems);
        Assert.Contains("Triage:accounts:0:webhooks:0:headers:X-Ok: must be one line", problems);
        Assert.DoesNotContain(problems, p => p.Contains("token-123", StringComparison.Ordinal) || p.Contains("lines-456", StringComparison.Ordinal));
    }

    [Fact]
    public void Valid_notification_settings_and_headers_pass()
    {
        using var config = new TriageConfiguration("""
            triage:
              notifications:
                email: { enabled: true, from: triage@example.com, smtp: { host: smtp.example.com, port: 587 } }
                connection_lost_after: 90s
                daily_summary: { enabled: true, time: '07:30', time_zone: Europe/Berlin }
              accounts:
                - name: a
                  imap: { host: h, username: u, password: p }
                  webhooks: [{ url: 'https://hooks.example.com/x', events: [connection_lost, connection_restored], headers: { Authorization: 'Bearer t' } }]
                  notifications: { users: [alice], events: [dead_letter, retry_exhausted, connection_lost, connection_restored, daily_summary] }
            """);

        Assert.Empty(config.Problems());
    }

    private static string Account(string hookLine) =>
        "triage:\n  accounts:\n    - name: a\n      imap: { host: h, username: u, password: p }\n"
        + "      webhooks:\n        - url: 'https://hooks.example.com/x'\n          events: [error]\n          " + hookLine + "\n";
}
