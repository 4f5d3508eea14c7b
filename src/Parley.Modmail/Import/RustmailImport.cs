using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Parley.Core.Jobs;
using Parley.Modmail.Alerts;
using Parley.Modmail.ApiKeys;
using Parley.Modmail.Blocks;
using Parley.Modmail.Closing;
using Parley.Modmail.Desks;
using Parley.Modmail.Features;
using Parley.Modmail.Panel;
using Parley.Modmail.Reminders;
using Parley.Modmail.Snippets;
using Parley.Modmail.Storage;
using Parley.Modmail.Tickets;

namespace Parley.Modmail.Import;

/// <summary>How one table went: rows imported, rows already there (or belonging to a ticket already there), rows left out and why.</summary>
internal sealed class TableCount(string table)
{
    public string Table { get; } = table;
    public int Imported { get; set; }
    public int Skipped { get; set; }
    public List<string> Notes { get; } = [];
}

/// <summary>What an import did, table by table, in the seed's order.</summary>
internal sealed record ImportReport(Guid DeskId, IReadOnlyList<TableCount> Tables);

/// <summary>Progress of an import: <paramref name="Done"/> of <paramref name="Total"/> rows of <paramref name="Table"/>.</summary>
internal sealed record ImportProgress(string Table, int Done, int Total);

/// <summary>
/// <c>parley modmail import-rustmail</c>: copies a Rustmail database into a desk. Discord ids stay as text, with
/// transport <c>discord</c>. Idempotent: a ticket whose id is already stored is skipped with everything that hangs
/// off it (messages, status history, reminders, scheduled closures), and the other tables are matched on their natural
/// keys (snippet key, blocked user, api key hash, permission grant, alert, feature message), so a second run imports
/// nothing and says what it skipped. Tickets go in batches, each batch in one transaction with its children and the
/// jobs of its pending reminders.
/// </summary>
internal sealed partial class RustmailImport(ModmailDbContext db, JobQueue jobs, TimeProvider clock)
{
    /// <summary>The job that fires a pending reminder (payload <c>{reminder_id}</c>), as the reminders part runs it.</summary>
    public const string ReminderJobKind = "modmail.reminders.fire";

    private const int Batch = 200;

    public static readonly IReadOnlyList<string> Tables =
        ["threads", "thread_messages", "thread_status", "reminders", "scheduled_closures", "snippets", "blocked_users",
         "staff_alerts", "api_keys", "panel_permissions", "features_messages"];

    /// <summary>The desk to import into: the one given, or the only one there is.</summary>
    public async Task<Guid> ChooseDeskAsync(Guid? deskId, CancellationToken cancellationToken)
    {
        if (deskId is { } id)
        {
            return await db.Desks.AnyAsync(d => d.Id == id, cancellationToken)
                ? id
                : throw new RustmailImportException($"there is no support desk {id}");
        }
        var desks = await db.Desks.AsNoTracking().Select(d => d.Id).Take(2).ToListAsync(cancellationToken);
        return desks.Count switch
        {
            0 => throw new RustmailImportException("there is no support desk yet: set Modmail up for a community first"),
            1 => desks[0],
            _ => throw new RustmailImportException("there is more than one support desk: choose one with --desk <id>"),
        };
    }

    public async Task<ImportReport> RunAsync(RustmailDatabase source, Guid deskId, Action<ImportProgress> progress, CancellationToken cancellationToken)
    {
        var counts = Tables.ToDictionary(t => t, t => new TableCount(t));
        await TicketsAsync(source, deskId, counts, progress, cancellationToken);
        await SnippetsAsync(source, counts["snippets"], progress, cancellationToken);
        await BlockedUsersAsync(source, counts["blocked_users"], progress, cancellationToken);
        await StaffAlertsAsync(source, counts["staff_alerts"], progress, cancellationToken);
        await ApiKeysAsync(source, deskId, counts["api_keys"], progress, cancellationToken);
        await PanelPermissionsAsync(source, counts["panel_permissions"], progress, cancellationToken);
        await FeaturesAsync(source, counts["features_messages"], progress, cancellationToken);
        return new ImportReport(deskId, Tables.Select(t => counts[t]).ToList());
    }

    private async Task TicketsAsync(RustmailDatabase source, Guid deskId, Dictionary<string, TableCount> counts, Action<ImportProgress> progress, CancellationToken cancellationToken)
    {
        var threads = source.Rows("threads");
        var children = new Dictionary<string, ILookup<string, RustmailRow>>();
        foreach (var table in new[] { "thread_messages", "thread_status", "reminders", "scheduled_closures" })
        {
            var rows = source.Rows(table);
            var known = threads.Select(t => t.Text("id")).ToHashSet(StringComparer.Ordinal);
            var orphans = rows.Count(r => !known.Contains(r.Text("thread_id") ?? ""));
            if (orphans > 0)
            {
                counts[table].Skipped += orphans;
                counts[table].Notes.Add($"{orphans} without a ticket");
            }
            children[table] = rows.Where(r => known.Contains(r.Text("thread_id") ?? "")).ToLookup(r => r.Text("thread_id")!, StringComparer.Ordinal);
        }

        var done = 0;
        var scheduled = 0;
        foreach (var batch in threads.Chunk(Batch))
        {
            var ids = batch.Select(t => IdOf(t.Text("id"))).ToList();
            var existing = (await db.Tickets.AsNoTracking().Where(t => ids.Contains(t.Id)).Select(t => t.Id).ToListAsync(cancellationToken)).ToHashSet();
            var openUsers = (await db.Tickets.AsNoTracking()
                .Where(t => t.DeskId == deskId && t.Transport == TransportNames.Discord && t.Status == TicketStatus.Open)
                .Select(t => t.UserId).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
            var reminders = new List<Reminder>();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var row in batch)
            {
                var key = row.Text("id") ?? "";
                var id = IdOf(key);
                if (existing.Contains(id))
                {
                    counts["threads"].Skipped++;
                    foreach (var table in children.Keys)
                    {
                        counts[table].Skipped += children[table][key].Count();
                    }
                    continue;
                }
                var ticket = Ticket(row, id, deskId);
                if (ticket.Status == TicketStatus.Open && !openUsers.Add(ticket.UserId))
                {
                    // The desk already has an open Discord ticket for this member: one open ticket per member.
                    ticket.Status = TicketStatus.Closed;
                    ticket.ClosedAt ??= ticket.CreatedAt;
                    ticket.ClosedBy ??= "import";
                    counts["threads"].Notes.Add($"ticket {key} imported closed: the member already had an open ticket");
                }
                db.Tickets.Add(ticket);
                counts["threads"].Imported++;
                var messages = children["thread_messages"][key].Select(m => Message(m, ticket)).ToList();
                db.TicketMessages.AddRange(messages);
                counts["thread_messages"].Imported += messages.Count;
                ticket.FirstResponseAt = messages.Where(m => m.Kind == TicketMessageKinds.Staff).Select(m => (DateTime?)m.CreatedAt).Min();
                foreach (var status in children["thread_status"][key])
                {
                    db.TicketStatusChanges.Add(new TicketStatusChange { ThreadId = id, Status = (int)(status.Long("status") ?? 0), ChangedAt = status.Time("changed_at") ?? ticket.CreatedAt });
                    counts["thread_status"].Imported++;
                }
                foreach (var reminder in children["reminders"][key])
                {
                    var imported = Reminder(reminder, id);
                    db.Reminders.Add(imported);
                    reminders.Add(imported);
                    counts["reminders"].Imported++;
                }
                foreach (var closure in children["scheduled_closures"][key].Take(1))
                {
                    db.ScheduledClosures.Add(new ScheduledClosure
                    {
                        ThreadId = id, ScheduledTime = closure.Long("scheduled_time") ?? 0, Silent = closure.Bool("silent"), CreatedBy = closure.Text("created_by") ?? "rustmail",
                    });
                    counts["scheduled_closures"].Imported++;
                }
                var extra = children["scheduled_closures"][key].Count() - 1;
                if (extra > 0)
                {
                    counts["scheduled_closures"].Skipped += extra;
                    counts["scheduled_closures"].Notes.Add($"ticket {key}: one scheduled close per ticket kept");
                }
            }
            await db.SaveChangesAsync(cancellationToken);
            // Reminder ids exist once saved; their jobs commit in the same transaction.
            foreach (var reminder in reminders.Where(r => !r.Completed))
            {
                scheduled++;
                jobs.Enqueue(db, ReminderJobKind, new { reminder_id = reminder.Id }, DateTime.UnixEpoch.AddSeconds(reminder.TriggerTime));
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            done += batch.Length;
            progress(new ImportProgress("threads", done, threads.Count));
        }
        if (scheduled > 0)
        {
            counts["reminders"].Notes.Add($"{scheduled} pending, scheduled");
        }
    }

    private static Ticket Ticket(RustmailRow row, Guid id, Guid deskId)
    {
        var created = row.Time("created_at") ?? DateTime.UnixEpoch;
        var status = (int)(row.Long("status") ?? TicketStatus.Closed) == TicketStatus.Open ? TicketStatus.Open : TicketStatus.Closed;
        return new Ticket
        {
            Id = id,
            UserId = row.Text("user_id") ?? "",
            UserName = Truncate(row.Text("user_name") ?? row.Text("user_id") ?? "", 256),
            ChannelId = row.Text("channel_id"),
            CreatedAt = created,
            NextMessageNumber = (int)(row.Long("next_message_number") ?? 1),
            Status = status,
            UserLeft = row.Bool("user_left"),
            ClosedAt = row.Time("closed_at"),
            ClosedBy = row.Text("closed_by"),
            CategoryId = row.Text("category_id"),
            CategoryName = row.Text("category_name"),
            RequiredPermissions = row.Text("required_permissions"),
            DeskId = deskId,
            Transport = TransportNames.Discord,
            UpdatedAt = row.Time("closed_at") ?? created,
        };
    }

    /// <summary>Rustmail keeps no kind: the ticket's member wrote it; else a numbered message was relayed by staff; else it is a staff note.</summary>
    private static TicketMessage Message(RustmailRow row, Ticket ticket)
    {
        var author = row.Text("user_id") ?? "";
        var number = row.Long("message_number") is { } n ? (int?)n : null;
        return new TicketMessage
        {
            ThreadId = ticket.Id,
            UserId = author,
            UserName = Truncate(row.Text("user_name") ?? author, 256),
            IsAnonymous = row.Bool("is_anonymous"),
            DmMessageId = row.Text("dm_message_id"),
            InboxMessageId = row.Text("inbox_message_id"),
            MessageNumber = author == ticket.UserId ? null : number,
            CreatedAt = row.Time("created_at") ?? ticket.CreatedAt,
            Content = row.Text("content") ?? "",
            ThreadStatus = (int)(row.Long("thread_status") ?? TicketStatus.Open),
            Kind = author == ticket.UserId ? TicketMessageKinds.Member : number is not null ? TicketMessageKinds.Staff : TicketMessageKinds.Note,
        };
    }

    private Reminder Reminder(RustmailRow row, Guid ticketId) => new()
    {
        ThreadId = ticketId,
        UserId = row.Text("user_id") ?? "",
        ChannelId = row.Text("channel_id") ?? "",
        GuildId = row.Text("guild_id") ?? "",
        ReminderContent = row.Text("reminder_content"),
        TriggerTime = row.Long("trigger_time") ?? 0,
        CreatedAt = row.Long("created_at") ?? clock.GetUtcNow().ToUnixTimeSeconds(),
        Completed = row.Bool("completed"),
    };

    private async Task SnippetsAsync(RustmailDatabase source, TableCount count, Action<ImportProgress> progress, CancellationToken cancellationToken)
    {
        var rows = source.Rows("snippets");
        var keys = (await db.Snippets.AsNoTracking().Select(s => s.Key).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var key = (row.Text("key") ?? "").Trim().ToLowerInvariant();
            if (!SnippetKey().IsMatch(key))
            {
                count.Skipped++;
                count.Notes.Add($"key '{Truncate(key, 40)}' is not a valid snippet key");
                continue;
            }
            if (!keys.Add(key))
            {
                count.Skipped++;
                continue;
            }
            var created = row.Time("created_at") ?? DateTime.UnixEpoch;
            db.Snippets.Add(new Snippet { Key = key, Content = row.Text("content") ?? "", CreatedBy = row.Text("created_by") ?? "rustmail", CreatedAt = created, UpdatedAt = row.Time("updated_at") ?? created });
            count.Imported++;
        }
        await SaveAsync(count, rows.Count, progress, cancellationToken);
    }

    private async Task BlockedUsersAsync(RustmailDatabase source, TableCount count, Action<ImportProgress> progress, CancellationToken cancellationToken)
    {
        var rows = source.Rows("blocked_users");
        var blocked = (await db.BlockedUsers.AsNoTracking().Select(b => b.UserId).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (row.Text("user_id") is not { Length: > 0 } user || !blocked.Add(user))
            {
                count.Skipped++;
                continue;
            }
            db.BlockedUsers.Add(new BlockedUser
            {
                UserId = user, UserName = Truncate(row.Text("user_name") ?? user, 256), BlockedBy = row.Text("blocked_by") ?? "rustmail",
                BlockedAt = row.Time("blocked_at") ?? DateTime.UnixEpoch, ExpiresAt = row.Time("expires_at"),
            });
            count.Imported++;
        }
        await SaveAsync(count, rows.Count, progress, cancellationToken);
    }

    private async Task StaffAlertsAsync(RustmailDatabase source, TableCount count, Action<ImportProgress> progress, CancellationToken cancellationToken)
    {
        var rows = source.Rows("staff_alerts");
        var existing = (await db.StaffAlerts.AsNoTracking().Select(a => new { a.StaffUserId, a.ThreadUserId, a.CreatedAt }).ToListAsync(cancellationToken))
            .Select(a => (a.StaffUserId, a.ThreadUserId, Seconds(a.CreatedAt))).ToHashSet();
        foreach (var row in rows)
        {
            var alert = new StaffAlert
            {
                StaffUserId = row.Text("staff_user_id") ?? "", ThreadUserId = row.Text("thread_user_id") ?? "",
                CreatedAt = row.Time("created_at") ?? DateTime.UnixEpoch, Used = row.Bool("used"),
            };
            if (!existing.Add((alert.StaffUserId, alert.ThreadUserId, Seconds(alert.CreatedAt))))
            {
                count.Skipped++;
                continue;
            }
            db.StaffAlerts.Add(alert);
            count.Imported++;
        }
        await SaveAsync(count, rows.Count, progress, cancellationToken);
    }

    /// <summary>
    /// Keys are imported with their hashes: Parley checks <c>X-API-Key</c> as the SHA-256 hex of the key, which a
    /// 64-hex-digit hash is taken to be. Any other hash cannot be checked by Parley: the key is imported inactive (its
    /// stored hash is the SHA-256 of Rustmail's, so it stays unique and matches no key) and must be created again.
    /// </summary>
    private async Task ApiKeysAsync(RustmailDatabase source, Guid deskId, TableCount count, Action<ImportProgress> progress, CancellationToken cancellationToken)
    {
        var rows = source.Rows("api_keys");
        var hashes = (await db.ApiKeys.AsNoTracking().Select(k => k.KeyHash).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var unusable = 0;
        foreach (var row in rows)
        {
            var original = row.Text("key_hash") ?? "";
            var sha256 = Sha256Hex().IsMatch(original);
            var hash = sha256 ? original.ToLowerInvariant() : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(original)));
            if (!hashes.Add(hash))
            {
                count.Skipped++;
                continue;
            }
            unusable += sha256 ? 0 : 1;
            db.ApiKeys.Add(new ModmailApiKey
            {
                KeyHash = hash, Name = Truncate(row.Text("name") ?? "imported key", 128), Permissions = row.Text("permissions") ?? "[]",
                CreatedAt = row.Long("created_at") ?? 0, ExpiresAt = row.Long("expires_at"), LastUsedAt = row.Long("last_used_at"),
                IsActive = sha256 && row.Bool("is_active"), DeskId = deskId,
            });
            count.Imported++;
        }
        if (unusable > 0)
        {
            count.Notes.Add($"{unusable} with a hash that is not SHA-256 hex: imported inactive, create them again");
        }
        await SaveAsync(count, rows.Count, progress, cancellationToken);
    }

    private async Task PanelPermissionsAsync(RustmailDatabase source, TableCount count, Action<ImportProgress> progress, CancellationToken cancellationToken)
    {
        var rows = source.Rows("panel_permissions");
        var grants = (await db.PanelPermissions.AsNoTracking().Select(p => new { p.SubjectType, p.SubjectId, p.Permission }).ToListAsync(cancellationToken))
            .Select(p => (p.SubjectType, p.SubjectId, p.Permission)).ToHashSet();
        foreach (var row in rows)
        {
            var grant = new PanelPermission
            {
                SubjectType = (row.Text("subject_type") ?? "").ToLowerInvariant(), SubjectId = row.Text("subject_id") ?? "",
                Permission = row.Text("permission") ?? "", GrantedBy = row.Text("granted_by") ?? "rustmail", GrantedAt = row.Long("granted_at") ?? 0,
            };
            if (grant.SubjectType is not ("user" or "role") || grant.Permission.Length == 0 || !grants.Add((grant.SubjectType, grant.SubjectId, grant.Permission)))
            {
                count.Skipped++;
                continue;
            }
            db.PanelPermissions.Add(grant);
            count.Imported++;
        }
        await SaveAsync(count, rows.Count, progress, cancellationToken);
    }

    private async Task FeaturesAsync(RustmailDatabase source, TableCount count, Action<ImportProgress> progress, CancellationToken cancellationToken)
    {
        var rows = source.Rows("features_messages");
        var existing = (await db.FeatureMessages.AsNoTracking().Select(f => new { f.MessageId, f.Content }).ToListAsync(cancellationToken))
            .Select(f => (f.MessageId, f.Content)).ToHashSet();
        foreach (var row in rows)
        {
            var feature = new FeatureMessage { MessageId = row.Text("message_id") ?? "", Content = row.Text("content") ?? "" };
            if (!existing.Add((feature.MessageId, feature.Content)))
            {
                count.Skipped++;
                continue;
            }
            db.FeatureMessages.Add(feature);
            count.Imported++;
        }
        await SaveAsync(count, rows.Count, progress, cancellationToken);
    }

    private async Task SaveAsync(TableCount count, int total, Action<ImportProgress> progress, CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        progress(new ImportProgress(count.Table, total, total));
    }

    /// <summary>Rustmail's ticket ids are UUIDs; anything else gets a stable id derived from it, so a second run finds it.</summary>
    internal static Guid IdOf(string? rustmailId)
    {
        if (Guid.TryParse(rustmailId, out var id))
        {
            return id;
        }
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("rustmail-thread:" + rustmailId));
        return new Guid(hash.AsSpan(0, 16));
    }

    private static long Seconds(DateTime time) => (long)(time - DateTime.UnixEpoch).TotalSeconds;

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    [GeneratedRegex("^[a-z0-9_-]{1,64}$")]
    private static partial Regex SnippetKey();

    [GeneratedRegex("^[0-9a-fA-F]{64}$")]
    private static partial Regex Sha256Hex();
}
