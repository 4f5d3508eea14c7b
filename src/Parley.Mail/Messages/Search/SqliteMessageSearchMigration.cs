using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Parley.Mail.Storage;

namespace Parley.Mail.Messages.Search;

/// <summary>
/// SQLite's full-text index of messages, which the EF model cannot express: an FTS5 table
/// (<c>message_search</c>: subject, addresses, body) whose rows <c>message_search_rows</c> ties to Message-IDs
/// (a rowid of its own: <c>messages</c>' implicit rowid may change on VACUUM), kept current by triggers on
/// <c>messages</c> and <c>message_recipients</c>. Hand-written and kept outside Storage/Migrations so that
/// regenerating Initial leaves it; its id sorts after any Initial.
/// </summary>
[DbContext(typeof(SqliteMailDbContext))]
[Migration("29990101000000_MessageSearch")]
internal sealed class SqliteMessageSearchMigration : Migration
{
    // The searchable addresses of message X: the sender and every recipient, with names.
    private static string Addresses(string message) => $"""
        {message}.from_address || ' ' || coalesce({message}.from_name, '') || ' ' || coalesce((
            SELECT group_concat(r.address || ' ' || coalesce(r.name, ''), ' ') FROM message_recipients r WHERE r.message_id = {message}.message_id), '')
        """;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("CREATE VIRTUAL TABLE message_search USING fts5(subject, addresses, body, tokenize = 'unicode61 remove_diacritics 2');");
        migrationBuilder.Sql("CREATE TABLE message_search_rows (id INTEGER PRIMARY KEY, message_id TEXT NOT NULL UNIQUE);");
        migrationBuilder.Sql($"""
            CREATE TRIGGER message_search_after_insert AFTER INSERT ON messages BEGIN
                INSERT INTO message_search_rows (message_id) VALUES (new.message_id);
                INSERT INTO message_search (rowid, subject, addresses, body)
                VALUES ((SELECT id FROM message_search_rows WHERE message_id = new.message_id), new.subject, {Addresses("new")}, coalesce(new.body_text, ''));
            END;
            """);
        migrationBuilder.Sql($"""
            CREATE TRIGGER message_search_after_update AFTER UPDATE OF subject, from_address, from_name, body_text ON messages BEGIN
                UPDATE message_search SET subject = new.subject, addresses = {Addresses("new")}, body = coalesce(new.body_text, '')
                WHERE rowid = (SELECT id FROM message_search_rows WHERE message_id = new.message_id);
            END;
            """);
        migrationBuilder.Sql("""
            CREATE TRIGGER message_search_after_delete AFTER DELETE ON messages BEGIN
                DELETE FROM message_search WHERE rowid = (SELECT id FROM message_search_rows WHERE message_id = old.message_id);
                DELETE FROM message_search_rows WHERE message_id = old.message_id;
            END;
            """);
        foreach (var (trigger, row) in new[] { ("message_search_recipient_insert AFTER INSERT", "new"), ("message_search_recipient_delete AFTER DELETE", "old") })
        {
            migrationBuilder.Sql($"""
                CREATE TRIGGER {trigger} ON message_recipients BEGIN
                    UPDATE message_search SET addresses = (SELECT {Addresses("m")} FROM messages m WHERE m.message_id = {row}.message_id)
                    WHERE rowid = (SELECT id FROM message_search_rows WHERE message_id = {row}.message_id);
                END;
                """);
        }
        // Messages stored before this migration.
        migrationBuilder.Sql("INSERT INTO message_search_rows (message_id) SELECT message_id FROM messages;");
        migrationBuilder.Sql($"""
            INSERT INTO message_search (rowid, subject, addresses, body)
            SELECT s.id, m.subject, {Addresses("m")}, coalesce(m.body_text, '') FROM messages m JOIN message_search_rows s ON s.message_id = m.message_id;
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var trigger in new[] { "message_search_after_insert", "message_search_after_update", "message_search_after_delete", "message_search_recipient_insert", "message_search_recipient_delete" })
        {
            migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {trigger};");
        }
        migrationBuilder.Sql("DROP TABLE IF EXISTS message_search;");
        migrationBuilder.Sql("DROP TABLE IF EXISTS message_search_rows;");
    }
}
