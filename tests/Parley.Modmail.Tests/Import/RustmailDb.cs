using Microsoft.Data.Sqlite;

namespace Parley.Modmail.Tests.Import;

/// <summary>
/// A Rustmail-shaped <c>db.sqlite</c>, built from the seed's schema (docs/seeds/001_rustmail.txt: every table with its
/// columns and types, and its named indexes), filled with a few rows per table.
/// </summary>
internal static class RustmailDb
{
    public const string OpenTicket = "0b6c3a52-8a2e-4c59-9d5a-1f0e6a7b8c01";
    public const string ClosedTicket = "0b6c3a52-8a2e-4c59-9d5a-1f0e6a7b8c02";
    public const string Sha256Key = "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8";

    public const string Schema = """
        CREATE TABLE threads (id TEXT PRIMARY KEY, user_id INTEGER NOT NULL, user_name TEXT NOT NULL, channel_id TEXT NOT NULL,
            created_at DATETIME NOT NULL, next_message_number INTEGER NOT NULL DEFAULT 1, status INTEGER NOT NULL DEFAULT 1,
            user_left BOOLEAN NOT NULL DEFAULT 0, closed_at DATETIME, closed_by TEXT, category_id TEXT, category_name TEXT,
            required_permissions TEXT);
        CREATE TABLE thread_messages (id INTEGER PRIMARY KEY AUTOINCREMENT, thread_id TEXT NOT NULL REFERENCES threads(id),
            user_id INTEGER NOT NULL, user_name TEXT NOT NULL, is_anonymous BOOLEAN NOT NULL DEFAULT 0, dm_message_id TEXT,
            inbox_message_id TEXT, message_number INTEGER, created_at DATETIME NOT NULL, content TEXT NOT NULL, thread_status INTEGER NOT NULL DEFAULT 1);
        CREATE TABLE blocked_users (user_id TEXT PRIMARY KEY, user_name TEXT NOT NULL, blocked_by TEXT NOT NULL, blocked_at DATETIME NOT NULL, expires_at DATETIME);
        CREATE TABLE staff_alerts (id INTEGER PRIMARY KEY AUTOINCREMENT, staff_user_id INTEGER NOT NULL, thread_user_id INTEGER NOT NULL,
            created_at DATETIME NOT NULL, used BOOLEAN NOT NULL DEFAULT 0);
        CREATE TABLE reminders (id INTEGER PRIMARY KEY AUTOINCREMENT, thread_id TEXT NOT NULL REFERENCES threads(id), user_id BIGINT NOT NULL,
            channel_id BIGINT NOT NULL, guild_id BIGINT NOT NULL, reminder_content TEXT, trigger_time INTEGER NOT NULL, created_at INTEGER NOT NULL,
            completed BOOLEAN NOT NULL DEFAULT 0);
        CREATE TABLE scheduled_closures (id INTEGER PRIMARY KEY AUTOINCREMENT, thread_id TEXT NOT NULL REFERENCES threads(id),
            scheduled_time INTEGER NOT NULL, silent BOOLEAN NOT NULL DEFAULT 0, created_by TEXT NOT NULL);
        CREATE TABLE snippets (id INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL UNIQUE, content TEXT NOT NULL, created_by TEXT NOT NULL,
            created_at DATETIME NOT NULL, updated_at DATETIME NOT NULL);
        CREATE TABLE sessions_panel (session_id TEXT PRIMARY KEY, user_id TEXT NOT NULL, access_token TEXT NOT NULL, refresh_token TEXT NOT NULL,
            expires_at INTEGER NOT NULL, avatar_hash TEXT);
        CREATE TABLE api_keys (id INTEGER PRIMARY KEY AUTOINCREMENT, key_hash TEXT NOT NULL UNIQUE, name TEXT NOT NULL, permissions TEXT NOT NULL,
            created_at INTEGER NOT NULL, expires_at INTEGER, last_used_at INTEGER, is_active INTEGER NOT NULL DEFAULT 1);
        CREATE TABLE panel_permissions (id INTEGER PRIMARY KEY AUTOINCREMENT, subject_type TEXT NOT NULL, subject_id TEXT NOT NULL,
            permission TEXT NOT NULL, granted_by TEXT NOT NULL, granted_at INTEGER NOT NULL);
        CREATE TABLE features_messages (id INTEGER PRIMARY KEY AUTOINCREMENT, message_id TEXT NOT NULL, content TEXT NOT NULL);
        CREATE TABLE thread_status (id INTEGER PRIMARY KEY AUTOINCREMENT, thread_id TEXT NOT NULL REFERENCES threads(id), status INTEGER NOT NULL,
            changed_at DATETIME NOT NULL);
        CREATE UNIQUE INDEX threads_id_key ON threads(id);
        CREATE UNIQUE INDEX thread_messages_id_key ON thread_messages(id);
        CREATE INDEX idx_api_keys_hash ON api_keys(key_hash);
        CREATE INDEX idx_api_keys_active ON api_keys(is_active);
        CREATE INDEX idx_snippets_key ON snippets(key);
        CREATE INDEX idx_panel_perms_subject ON panel_permissions(subject_type, subject_id);
        CREATE INDEX idx_panel_perms_permission ON panel_permissions(permission);
        """;

    // Foreign keys off for the rows: one message is an orphan on purpose (an old Rustmail without the constraint).
    private const string Rows = $"""
        PRAGMA foreign_keys = OFF;
        INSERT INTO threads VALUES ('{OpenTicket}', 111, 'ann', '9001', '2025-08-15 14:50:17', 3, 1, 0, NULL, NULL, NULL, NULL, NULL);
        INSERT INTO threads VALUES ('{ClosedTicket}', 222, 'bob', '9002', '2025-08-16 09:00:00', 1, 0, 1, '2025-08-17 10:30:00', '999', 'cat-1', 'Billing', '["billing"]');
        INSERT INTO thread_messages (thread_id, user_id, user_name, is_anonymous, dm_message_id, inbox_message_id, message_number, created_at, content, thread_status)
            VALUES ('{OpenTicket}', 111, 'ann', 0, 'dm-1', 'in-1', NULL, '2025-08-15 14:50:17', 'Hello staff', 1),
                   ('{OpenTicket}', 999, 'mod', 0, 'dm-2', 'in-2', 1, '2025-08-15 15:00:00', 'Hi Ann', 1),
                   ('{OpenTicket}', 999, 'mod', 1, 'dm-3', 'in-3', 2, '2025-08-15 15:05:00', 'Anything else?', 1),
                   ('{ClosedTicket}', 222, 'bob', 0, 'dm-4', 'in-4', NULL, '2025-08-16 09:00:00', 'Refund please', 1),
                   ('{ClosedTicket}', 999, 'mod', 0, NULL, 'in-5', NULL, '2025-08-16 09:10:00', 'note: check the order', 1),
                   ('no-such-ticket', 1, 'ghost', 0, NULL, NULL, NULL, '2025-08-16 09:10:00', 'orphan', 1);
        INSERT INTO thread_status (thread_id, status, changed_at) VALUES ('{OpenTicket}', 1, '2025-08-15 14:50:17'),
            ('{ClosedTicket}', 1, '2025-08-16 09:00:00'), ('{ClosedTicket}', 0, '2025-08-17 10:30:00');
        INSERT INTO blocked_users VALUES ('333', 'spammer', '999', '2025-08-01 00:00:00', NULL), ('444', 'rude', '999', '2025-08-02 00:00:00', '2030-01-01 00:00:00');
        INSERT INTO staff_alerts (staff_user_id, thread_user_id, created_at, used) VALUES (999, 111, '2025-08-15 15:06:00', 0);
        INSERT INTO reminders (thread_id, user_id, channel_id, guild_id, reminder_content, trigger_time, created_at, completed)
            VALUES ('{OpenTicket}', 999, 9001, 7000, 'follow up', 4102444800, 1755270000, 0),
                   ('{OpenTicket}', 999, 9001, 7000, 'done already', 1755273600, 1755270000, 1);
        INSERT INTO scheduled_closures (thread_id, scheduled_time, silent, created_by) VALUES ('{OpenTicket}', 4102444800, 1, '999');
        INSERT INTO snippets (key, content, created_by, created_at, updated_at) VALUES ('greet', 'Hello!', '999', '2025-07-01 00:00:00', '2025-07-02 00:00:00'),
            ('Bye', 'Goodbye!', '999', '2025-07-01 00:00:00', '2025-07-01 00:00:00');
        INSERT INTO sessions_panel VALUES ('sess', '999', 'at', 'rt', 1755270000, NULL);
        INSERT INTO api_keys (key_hash, name, permissions, created_at, expires_at, last_used_at, is_active)
            VALUES ('{Sha256Key}', 'website', '["tickets.create"]', 1755270000, NULL, 1755270500, 1),
                   ('$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA', 'old script', '["tickets.create"]', 1755270000, NULL, NULL, 1);
        INSERT INTO panel_permissions (subject_type, subject_id, permission, granted_by, granted_at)
            VALUES ('role', '555', 'view_tickets', '999', 1755270000), ('user', '999', 'manage_tickets', '1', 1755270000);
        INSERT INTO features_messages (message_id, content) VALUES ('m-1', 'Dark mode please');
        """;

    /// <summary>Writes the database to <paramref name="path"/>.</summary>
    public static void Create(string path, bool withRows = true)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = Schema + (withRows ? Rows : "");
        command.ExecuteNonQuery();
    }
}
