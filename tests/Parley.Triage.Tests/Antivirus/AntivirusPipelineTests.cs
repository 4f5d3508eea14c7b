using System.Diagnostics;
using MailKit;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Parley.Tests.Infrastructure;
using Parley.Tests.Security;
using Parley.Triage.Audit;
using Parley.Triage.DeadLetters;
using Parley.Triage.Tests.Attachments;
using Parley.Triage.Tests.Imap;
using Parley.Triage.Tests.Pipeline;

namespace Parley.Triage.Tests.Antivirus;

/// <summary>
/// Antivirus in the pipeline: emails appended to Dovecot, their attachments scanned by clamd before rules and the LLM
/// — the real clamd (scripts/clamd.sh) for quarantine, a scripted one for delete, flag_only, dry run and a failed scan.
/// </summary>
public sealed class AntivirusPipelineTests(DovecotFixture dovecot) : IClassFixture<DovecotFixture>
{
    private static readonly TimeSpan Seconds15 = TimeSpan.FromSeconds(15);

    private static Action<Dictionary<string, string?>> Antivirus(int port, string onVirus = "quarantine", Action<Dictionary<string, string?>>? more = null) => settings =>
    {
        settings["Triage:antivirus:enabled"] = "true";
        settings["Triage:antivirus:host"] = "127.0.0.1";
        settings["Triage:antivirus:port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Triage:antivirus:timeout"] = "5s";
        settings["Triage:antivirus:on_virus_detected"] = onVirus;
        more?.Invoke(settings);
    };

    private static MimeMessage WithAttachment(string subject, byte[] content)
    {
        var message = TestImapServer.Message(subject);
        message.Body = new Multipart("mixed")
        {
            new TextPart("plain") { Text = "see attached" },
            TestAttachments.Attached("file.bin", "application/octet-stream", content),
        };
        return message;
    }

    /// <summary>An infected email appended while the LLM answers 500: processed into the dead letter.</summary>
    private static async Task InfectedWithTheLlmDownAsync(PipelineHarness h)
    {
        h.Llm.Status(500);
        await h.Imap.AppendAsync(h.User, PipelineHarness.Password, "INBOX", WithAttachment("Infected", "x"u8.ToArray()));
        await Eventually.Until(async () => (await h.DeadLettersAsync()).Count == 1, Seconds15, "the failed classification is a dead letter");
    }

    private static Task<List<AuditLogEntry>> AuditAsync(PipelineHarness h) =>
        h.App.WithDbAsync(db => db.AuditLog.AsNoTracking().Where(a => a.AccountName == h.User).OrderBy(a => a.Id).ToListAsync());

    [Theory, BothProviders]
    public async Task With_the_real_clamd_an_infected_email_is_quarantined_unseen_by_the_llm_and_a_clean_one_is_classified(string provider)
    {
        int clamdPid;
        await using (var clamd = await TestClamd.StartAsync())
        {
            clamdPid = clamd.ProcessId;
            // predefined folders: Quarantine is created all the same (it is not the LLM's choice).
            await using var h = await PipelineHarness.StartAsync(provider, dovecot.Server,
                Antivirus(clamd.Port, more: s => s["Triage:accounts:0:folders:mode"] = "predefined"));
            h.Llm.Reply(PipelineHarness.FlagReply());

            await h.Imap.AppendAsync(h.User, PipelineHarness.Password, "INBOX", WithAttachment("Infected", TestClamd.Payload));
            await h.Imap.AppendAsync(h.User, PipelineHarness.Password, "INBOX", WithAttachment("Clean", "just a report"u8.ToArray()));

            await Eventually.Until(() => h.InFolderAsync("Quarantine", "Infected"), Seconds15, "the infected email is quarantined");
            await Eventually.Until(async () => (await h.MessagesAsync("INBOX")).Any(m => m.Subject == "Clean" && m.Flags.HasFlag(MessageFlags.Flagged)),
                Seconds15, "the clean email is classified and flagged");
            await Eventually.Until(async () => await h.AuditCountAsync() == 2, Seconds15, "both decisions are audited");

            Assert.DoesNotContain(await h.MessagesAsync("INBOX"), m => m.Subject == "Infected");
            var request = Assert.Single(h.Llm.Requests);
            Assert.DoesNotContain("Infected", request.Body, StringComparison.Ordinal);
            var audit = await AuditAsync(h);
            var virus = Assert.Single(audit, a => a.Subject == "Infected");
            Assert.Equal($"virus: {TestClamd.Signature}", virus.Reasoning);
            Assert.Contains("\"Quarantine\"", virus.Actions, StringComparison.Ordinal);
            Assert.Null(virus.LlmProvider);
            Assert.Equal("looks important", Assert.Single(audit, a => a.Subject == "Clean").Reasoning);
        }
        Assert.Throws<ArgumentException>(() => Process.GetProcessById(clamdPid)); // clamd is not left running
    }

    [Theory, BothProviders]
    public async Task Delete_moves_an_infected_email_to_trash_without_the_llm(string provider)
    {
        await using var clamd = FakeClamd.Start();
        clamd.Reply = "stream: Test.Signature FOUND";
        await using var h = await PipelineHarness.StartAsync(provider, dovecot.Server, Antivirus(clamd.Port, "delete"));

        await h.Imap.AppendAsync(h.User, PipelineHarness.Password, "INBOX", WithAttachment("Infected", "x"u8.ToArray()));

        await Eventually.Until(() => h.InFolderAsync("Trash", "Infected"), Seconds15, "the infected email is deleted (to Trash)");
        await Eventually.Until(async () => await h.AuditCountAsync() == 1, Seconds15, "the decision is audited");
        Assert.Empty(h.Llm.Requests);
        Assert.Equal("virus: Test.Signature", Assert.Single(await AuditAsync(h)).Reasoning);
    }

    [Theory, BothProviders]
    public async Task Flag_only_flags_virus_and_flagged_then_classifies_as_usual(string provider)
    {
        await using var clamd = FakeClamd.Start();
        clamd.Reply = "stream: Test.Signature FOUND";
        await using var h = await PipelineHarness.StartAsync(provider, dovecot.Server, Antivirus(clamd.Port, "flag_only"));
        h.Llm.Reply(PipelineHarness.FlagReply("$Work"));

        await h.Imap.AppendAsync(h.User, PipelineHarness.Password, "INBOX", WithAttachment("Infected", "x"u8.ToArray()));

        await Eventually.Until(async () => await h.AuditCountAsync() == 1, Seconds15, "the decision is audited");
        var message = Assert.Single(await h.MessagesAsync("INBOX"));
        Assert.True(message.Flags.HasFlag(MessageFlags.Flagged));
        Assert.Contains("$Virus", message.Keywords);
        Assert.Contains("$Work", message.Keywords); // the LLM's decision, carried out after the flags
        Assert.Single(h.Llm.Requests);
        Assert.Equal("virus: Test.Signature; looks important", Assert.Single(await AuditAsync(h)).Reasoning);
    }

    [Theory, BothProviders]
    public async Task Flag_only_flags_are_on_the_server_when_classification_fails_and_the_retry_neither_loses_nor_repeats_them(string provider)
    {
        await using var clamd = FakeClamd.Start();
        clamd.Reply = "stream: Test.Signature FOUND";
        await using var h = await PipelineHarness.StartAsync(provider, dovecot.Server, Antivirus(clamd.Port, "flag_only"));
        await InfectedWithTheLlmDownAsync(h);
        // The virus was found: its flags are on the message whatever happened to the classification after.
        var flagged = Assert.Single(await h.MessagesAsync("INBOX"));
        Assert.True(flagged.Flags.HasFlag(MessageFlags.Flagged));
        Assert.Contains("$Virus", flagged.Keywords);
        Assert.Equal(0, await h.AuditCountAsync());

        h.Llm.Reply(PipelineHarness.FlagReply("$Work"));
        h.Clock.Advance(TimeSpan.FromMinutes(6));

        await Eventually.Until(async () => (await h.DeadLettersAsync())[0].RetryStatus == DeadLetterStatus.Success, Seconds15, "the retry succeeds");
        var message = Assert.Single(await h.MessagesAsync("INBOX"));
        Assert.True(message.Flags.HasFlag(MessageFlags.Flagged));
        Assert.Equal(["$Virus", "$Work"], message.Keywords.Order(StringComparer.Ordinal));
        Assert.Equal(2, clamd.Scans.Count); // the retry scanned again
        Assert.Equal(2, h.Llm.Requests.Count);
        Assert.Equal("virus: Test.Signature; looks important", Assert.Single(await AuditAsync(h)).Reasoning);
    }

    [Theory, BothProviders]
    public async Task Flag_only_in_dry_run_sets_no_flag_before_classifying(string provider)
    {
        await using var clamd = FakeClamd.Start();
        clamd.Reply = "stream: Test.Signature FOUND";
        await using var h = await PipelineHarness.StartAsync(provider, dovecot.Server,
            Antivirus(clamd.Port, "flag_only", s => s["Triage:dry_run"] = "true"));
        await InfectedWithTheLlmDownAsync(h);
        var message = Assert.Single(await h.MessagesAsync("INBOX"));
        Assert.False(message.Flags.HasFlag(MessageFlags.Flagged));
        Assert.DoesNotContain("$Virus", message.Keywords);
    }

    [Theory, BothProviders]
    public async Task In_dry_run_an_infected_email_is_recorded_as_quarantined_and_left_where_it_is(string provider)
    {
        await using var clamd = FakeClamd.Start();
        clamd.Reply = "stream: Test.Signature FOUND";
        await using var h = await PipelineHarness.StartAsync(provider, dovecot.Server,
            Antivirus(clamd.Port, more: s => s["Triage:dry_run"] = "true"));

        await h.Imap.AppendAsync(h.User, PipelineHarness.Password, "INBOX", WithAttachment("Infected", "x"u8.ToArray()));

        await Eventually.Until(async () => await h.AuditCountAsync() == 1, Seconds15, "the decision is audited");
        Assert.Single(await h.MessagesAsync("INBOX"), m => m.Subject == "Infected");
        Assert.False(await h.InFolderAsync("Quarantine", "Infected"));
        Assert.Empty(h.Llm.Requests);
        var entry = Assert.Single(await AuditAsync(h));
        Assert.Equal("virus: Test.Signature", entry.Reasoning);
        Assert.Contains("\"Quarantine\"", entry.Actions, StringComparison.Ordinal);
    }

    [Theory, BothProviders]
    public async Task A_failed_scan_is_logged_and_the_email_classified_as_mailpilot_does(string provider)
    {
        await using var clamd = FakeClamd.Start();
        clamd.Reply = "INSTREAM size limit exceeded. ERROR";
        await using var h = await PipelineHarness.StartAsync(provider, dovecot.Server, Antivirus(clamd.Port));
        h.Llm.Reply(PipelineHarness.FlagReply());

        await h.Imap.AppendAsync(h.User, PipelineHarness.Password, "INBOX", WithAttachment("Unscanned", "x"u8.ToArray()));

        await Eventually.Until(async () => await h.AuditCountAsync() == 1, Seconds15, "the decision is audited");
        Assert.Single(clamd.Scans);
        Assert.Single(h.Llm.Requests);
        Assert.Equal("looks important", Assert.Single(await AuditAsync(h)).Reasoning);
    }

    [Theory, BothProviders]
    public async Task With_on_scan_error_dead_letter_an_unscanned_email_waits_untouched_and_is_processed_once_clamd_answers(string provider)
    {
        await using var clamd = FakeClamd.Start();
        clamd.Reply = "INSTREAM size limit exceeded. ERROR";
        await using var h = await PipelineHarness.StartAsync(provider, dovecot.Server,
            Antivirus(clamd.Port, more: s => s["Triage:antivirus:on_scan_error"] = "dead_letter"));
        h.Llm.Reply(PipelineHarness.FlagReply("$Work"));

        await h.Imap.AppendAsync(h.User, PipelineHarness.Password, "INBOX", WithAttachment("Unscanned", "x"u8.ToArray()));

        await Eventually.Until(async () => (await h.DeadLettersAsync()).Count == 1, Seconds15, "the unscanned email is a dead letter");
        var entry = Assert.Single(await h.DeadLettersAsync());
        Assert.StartsWith("scan_failed: antivirus scan failed: ", entry.Error, StringComparison.Ordinal);
        Assert.Contains("size limit exceeded", entry.Error, StringComparison.Ordinal);
        Assert.Empty(h.Llm.Requests); // never classified unscanned
        var untouched = Assert.Single(await h.MessagesAsync("INBOX"));
        Assert.Empty(untouched.Keywords);
        Assert.Equal(0, await h.AuditCountAsync());

        // clamd answers again: the retry scans, finds it clean, and classifies.
        clamd.Reply = "stream: OK";
        h.Clock.Advance(TimeSpan.FromMinutes(6));
        await Eventually.Until(async () => (await h.DeadLettersAsync())[0].RetryStatus == DeadLetterStatus.Success, Seconds15, "the retry succeeds");
        Assert.Contains("$Work", Assert.Single(await h.MessagesAsync("INBOX")).Keywords);
        Assert.Single(h.Llm.Requests);
        Assert.Equal(2, clamd.Scans.Count);
    }

    [Theory, BothProviders]
    public async Task Antivirus_turned_on_through_the_settings_api_scans_the_next_email_without_a_restart(string provider)
    {
        await using var clamd = FakeClamd.Start();
        clamd.Reply = "stream: Test.Signature FOUND";
        await using var h = await PipelineHarness.StartAsync(provider, dovecot.Server,
            Antivirus(clamd.Port, more: s => s["Triage:antivirus:enabled"] = "false"));
        var admin = (await h.App.SignInAsync()).AccessToken;

        using (var get = await h.App.SendAsync(HttpMethod.Get, "/api/triage/settings", admin))
        {
            var settings = System.Text.Json.Nodes.JsonNode.Parse((await get.JsonAsync()).GetProperty("settings").GetRawText())!;
            settings["antivirus"]!["enabled"] = "true";
            using var put = await h.App.SendAsync(HttpMethod.Put, "/api/triage/settings", admin, settings);
            Assert.True(put.StatusCode == System.Net.HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        }
        await h.WaitConnectedAsync();
        await h.Imap.AppendAsync(h.User, PipelineHarness.Password, "INBOX", WithAttachment("Infected", "x"u8.ToArray()));

        await Eventually.Until(() => h.InFolderAsync("Quarantine", "Infected"), Seconds15, "the infected email is quarantined");
        Assert.Single(clamd.Scans);
        Assert.Empty(h.Llm.Requests);
    }

    [Theory, BothProviders]
    public async Task Disabled_nothing_is_scanned(string provider)
    {
        await using var clamd = FakeClamd.Start();
        clamd.Reply = "stream: Test.Signature FOUND";
        await using var h = await PipelineHarness.StartAsync(provider, dovecot.Server,
            Antivirus(clamd.Port, more: s => s["Triage:antivirus:enabled"] = "false"));
        h.Llm.Reply(PipelineHarness.FlagReply());

        await h.Imap.AppendAsync(h.User, PipelineHarness.Password, "INBOX", WithAttachment("Unscanned", "x"u8.ToArray()));

        await Eventually.Until(async () => await h.AuditCountAsync() == 1, Seconds15, "the decision is audited");
        Assert.Empty(clamd.Scans);
        Assert.Single(h.Llm.Requests);
    }
}
