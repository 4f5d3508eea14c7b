using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using Parley.Core.Jobs;
using Parley.Triage.Configuration;
using Parley.Triage.Pipeline;
using Parley.Triage.Storage;

namespace Parley.Triage.Notifications;

/// <summary>
/// <c>triage.daily_summary</c>: one day's summary (Mailpilot's <c>daily_summary</c> notification), queued once per day
/// by <see cref="DailySummarySchedule"/>. For every account whose <c>notifications.events</c> name <c>daily_summary</c>:
/// the 24 hours before the scheduled time (<see cref="DailySummaryCounts"/>) and the account's connection state now,
/// as the Core webhook event <c>triage.daily_summary</c> and an email to its users. Everything is queued and saved
/// together, so a retry of this job never sends half a summary twice.
/// </summary>
internal sealed class DailySummaryJob(TriageDbContext db, TriageNotifier notifier, AccountStatuses statuses, IOptionsMonitor<TriageOptions> options)
    : IJobHandler
{
    public const string JobKind = "triage.daily_summary";
    public const string WebhookEvent = "triage.daily_summary";

    /// <param name="Day">The day in the summary's time zone.</param>
    /// <param name="Until">The scheduled time: the summary covers the 24 hours before it.</param>
    public sealed record Payload(DateOnly Day, DateTimeOffset Until);

    public string Kind => JobKind;

    public async Task ExecuteAsync(JobExecution job, CancellationToken cancellationToken)
    {
        var payload = job.Payload<Payload>();
        var from = payload.Until.AddDays(-1);
        var connections = (await statuses.AllAsync(cancellationToken)).ToDictionary(s => s.Name, StringComparer.Ordinal);
        var queued = 0;
        foreach (var account in options.CurrentValue.Accounts.Where(a => a.Notifications.Events.Contains("daily_summary")))
        {
            var counts = await DailySummaryCounts.ReadAsync(db, account.Name, from, payload.Until, cancellationToken);
            var status = connections.GetValueOrDefault(account.Name);
            var connection = status is null ? "not_running" : status.Paused ? "paused" : status.Connected ? "connected" : "disconnected";
            var data = new Summary(account.Name, "daily_summary", account.Notifications.Users, payload.Day, from, payload.Until,
                counts.Processed, counts.ByAction, counts.BySource, new DeadLetterCounts(counts.DeadLettersNew, counts.DeadLettersExhausted),
                counts.Errors, connection, status?.LastError);
            queued += await notifier.AddAsync(
                new TriageNotice(account.Name, "daily_summary", WebhookEvent, data,
                    $"[Triage] {account.Name}: daily summary for {payload.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}", Text(data)),
                account.Notifications.Users, cancellationToken);
        }
        if (queued > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private static string Text(Summary s)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Account {s.Account}, {s.From.UtcDateTime:u} to {s.Until.UtcDateTime:u}:\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Emails processed: {s.Processed}\n");
        foreach (var (action, n) in s.ByAction)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {action}: {n}\n");
        }
        text.Append(CultureInfo.InvariantCulture, $"Decided by rules: {s.BySource.GetValueOrDefault("rule")}, by the LLM: {s.BySource.GetValueOrDefault("llm")}\n");
        text.Append(CultureInfo.InvariantCulture, $"Errors: {s.Errors}\n");
        text.Append(CultureInfo.InvariantCulture, $"Dead letters: {s.DeadLetters.New} new, {s.DeadLetters.Exhausted} exhausted\n");
        text.Append(CultureInfo.InvariantCulture, $"Connection: {s.Connection}");
        return text.ToString();
    }

    internal sealed record DeadLetterCounts(long New, long Exhausted);

    /// <param name="Connection"><c>connected</c>, <c>disconnected</c>, <c>paused</c> or <c>not_running</c>.</param>
    internal sealed record Summary(
        string Account, string Event, IReadOnlyList<string> Users, DateOnly Day, DateTimeOffset From, DateTimeOffset Until,
        long Processed, IReadOnlyDictionary<string, long> ByAction, IReadOnlyDictionary<string, long> BySource,
        DeadLetterCounts DeadLetters, long Errors, string Connection, string? LastError);
}
