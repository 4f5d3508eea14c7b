using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Parley.Mail.Storage;

namespace Parley.Mail.Messages.Search;

/// <summary>
/// PostgreSQL's full-text index of messages: <c>mail.message_search</c> (one <c>tsvector</c> per message, GIN
/// index) kept current by triggers on <c>messages</c> and <c>message_recipients</c> — a generated column cannot
/// reach the recipients' table. The <c>simple</c> configuration (no stemming, any language), like SQLite's
/// unicode61; addresses are indexed whole and split at <c>@ . + - _</c>. Hand-written and kept outside
/// Storage/Migrations so that regenerating Initial leaves it; its id sorts after any Initial.
/// </summary>
[DbContext(typeof(PostgresMailDbContext))]
[Migration("29990101000000_MessageSearch")]
internal sealed class PostgresMessageSearchMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE mail.message_search (
                message_id character varying(998) NOT NULL PRIMARY KEY REFERENCES mail.messages (message_id) ON DELETE CASCADE,
                document tsvector NOT NULL);
            CREATE INDEX ix_message_search_document ON mail.message_search USING GIN (document);

            CREATE FUNCTION mail.message_search_refresh(target_id character varying) RETURNS void LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO mail.message_search (message_id, document)
                SELECT m.message_id,
                       to_tsvector('simple', coalesce(m.subject, ''))
                       || to_tsvector('simple', a.text || ' ' || translate(a.text, '@.+-_', '     '))
                       || to_tsvector('simple', coalesce(m.body_text, ''))
                FROM mail.messages m
                CROSS JOIN LATERAL (
                    SELECT m.from_address || ' ' || coalesce(m.from_name, '') || ' ' || coalesce(
                        (SELECT string_agg(r.address || ' ' || coalesce(r.name, ''), ' ') FROM mail.message_recipients r WHERE r.message_id = m.message_id), '') AS text
                ) a
                WHERE m.message_id = target_id
                ON CONFLICT (message_id) DO UPDATE SET document = excluded.document;
            END $$;

            CREATE FUNCTION mail.message_search_on_message() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM mail.message_search_refresh(NEW.message_id);
                RETURN NULL;
            END $$;

            CREATE FUNCTION mail.message_search_on_recipient() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'DELETE' THEN
                    PERFORM mail.message_search_refresh(OLD.message_id);
                ELSE
                    PERFORM mail.message_search_refresh(NEW.message_id);
                END IF;
                RETURN NULL;
            END $$;

            CREATE TRIGGER message_search_on_message AFTER INSERT OR UPDATE OF subject, from_address, from_name, body_text
                ON mail.messages FOR EACH ROW EXECUTE FUNCTION mail.message_search_on_message();
            CREATE TRIGGER message_search_on_recipient AFTER INSERT OR DELETE
                ON mail.message_recipients FOR EACH ROW EXECUTE FUNCTION mail.message_search_on_recipient();

            SELECT mail.message_search_refresh(message_id) FROM mail.messages;
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            DROP TRIGGER IF EXISTS message_search_on_recipient ON mail.message_recipients;
            DROP TRIGGER IF EXISTS message_search_on_message ON mail.messages;
            DROP FUNCTION IF EXISTS mail.message_search_on_recipient();
            DROP FUNCTION IF EXISTS mail.message_search_on_message();
            DROP FUNCTION IF EXISTS mail.message_search_refresh(character varying);
            DROP TABLE IF EXISTS mail.message_search;
            """);
    }
}
