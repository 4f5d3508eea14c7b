using Parley.Triage.Emails;

namespace Parley.Triage.Tests.Classification;

internal static class TestEmails
{
    public static TriageEmail Make(
        string? from = "Alice Example <alice@example.com>",
        string? subject = "Quarterly report",
        string body = "Please find the report attached.",
        IReadOnlyList<string>? to = null,
        IReadOnlyList<string>? cc = null,
        IReadOnlyList<KeyValuePair<string, string>>? headers = null,
        long size = 2_048,
        IReadOnlyList<TriageAttachment>? attachments = null) => new(
        "work", "INBOX", 1, 42, "msg-42@example.com", from,
        to ?? ["bob@parley.test"], cc ?? [], subject,
        headers ?? [new("From", from ?? ""), new("Subject", subject ?? "")],
        body, size, attachments ?? [], new DateTimeOffset(2026, 1, 5, 9, 30, 0, TimeSpan.Zero));
}
