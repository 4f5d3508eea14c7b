using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Parley.Triage.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "triage");

            migrationBuilder.CreateTable(
                name: "audit_log",
                schema: "triage",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    message_id = table.Column<string>(type: "character varying(998)", maxLength: 998, nullable: false),
                    account_name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    actions = table.Column<string>(type: "text", nullable: false),
                    llm_provider = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    llm_model = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    subject = table.Column<string>(type: "text", nullable: true),
                    confidence = table.Column<double>(type: "double precision", nullable: true),
                    reasoning = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_log", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "dashboard_users",
                schema: "triage",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    username = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    password_hash = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    created_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dashboard_users", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "dead_letter",
                schema: "triage",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    message_id = table.Column<string>(type: "character varying(998)", maxLength: 998, nullable: false),
                    account_name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    folder = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    uid = table.Column<long>(type: "bigint", nullable: false),
                    error = table.Column<string>(type: "text", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false, defaultValue: 1),
                    created_at = table.Column<long>(type: "bigint", nullable: false),
                    resolved_at = table.Column<long>(type: "bigint", nullable: true),
                    retry_status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, defaultValue: "pending"),
                    next_retry_at = table.Column<long>(type: "bigint", nullable: true),
                    last_retry_at = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dead_letter", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "forwarded_messages",
                schema: "triage",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    account_name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    message_id = table.Column<string>(type: "character varying(998)", maxLength: 998, nullable: false),
                    forward_to = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    forwarded_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_forwarded_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "imap_folder_states",
                schema: "triage",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    account_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    folder = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    uid_validity = table.Column<long>(type: "bigint", nullable: false),
                    last_uid = table.Column<long>(type: "bigint", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_imap_folder_states", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "jobs",
                schema: "triage",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    payload = table.Column<string>(type: "text", nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    due_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    max_attempts = table.Column<int>(type: "integer", nullable: false),
                    last_error = table.Column<string>(type: "text", nullable: true),
                    locked_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    locked_until = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_jobs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "oauth_refresh_tokens",
                schema: "triage",
                columns: table => new
                {
                    grant_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    account_name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    ciphertext = table.Column<byte[]>(type: "bytea", nullable: false),
                    updated_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_oauth_refresh_tokens", x => x.grant_key);
                });

            migrationBuilder.CreateTable(
                name: "paused_accounts",
                schema: "triage",
                columns: table => new
                {
                    account_name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    paused_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_paused_accounts", x => x.account_name);
                });

            migrationBuilder.CreateTable(
                name: "processed_messages",
                schema: "triage",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    message_id = table.Column<string>(type: "character varying(998)", maxLength: 998, nullable: false),
                    account_name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    processed_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_processed_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "webhook_deliveries",
                schema: "triage",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    endpoint_id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_type = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    payload = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    last_status_code = table.Column<int>(type: "integer", nullable: true),
                    last_error = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    next_attempt_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    delivered_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_webhook_deliveries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "dashboard_sessions",
                schema: "triage",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    user_id = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<long>(type: "bigint", nullable: false),
                    expires_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dashboard_sessions", x => x.id);
                    table.ForeignKey(
                        name: "FK_dashboard_sessions_dashboard_users_user_id",
                        column: x => x.user_id,
                        principalSchema: "triage",
                        principalTable: "dashboard_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "idx_audit_log_account",
                schema: "triage",
                table: "audit_log",
                column: "account_name");

            migrationBuilder.CreateIndex(
                name: "idx_audit_log_created_at",
                schema: "triage",
                table: "audit_log",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "idx_dashboard_sessions_expires",
                schema: "triage",
                table: "dashboard_sessions",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "idx_dashboard_sessions_user",
                schema: "triage",
                table: "dashboard_sessions",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "IX_dashboard_users_username",
                schema: "triage",
                table: "dashboard_users",
                column: "username",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "idx_dead_letter_account",
                schema: "triage",
                table: "dead_letter",
                column: "account_name");

            migrationBuilder.CreateIndex(
                name: "idx_dead_letter_resolved",
                schema: "triage",
                table: "dead_letter",
                column: "resolved_at");

            migrationBuilder.CreateIndex(
                name: "idx_dead_letter_retry",
                schema: "triage",
                table: "dead_letter",
                columns: new[] { "retry_status", "next_retry_at" });

            migrationBuilder.CreateIndex(
                name: "IX_forwarded_messages_account_name_message_id_forward_to",
                schema: "triage",
                table: "forwarded_messages",
                columns: new[] { "account_name", "message_id", "forward_to" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_forwarded_messages_forwarded_at",
                schema: "triage",
                table: "forwarded_messages",
                column: "forwarded_at");

            migrationBuilder.CreateIndex(
                name: "IX_imap_folder_states_account_name_folder",
                schema: "triage",
                table: "imap_folder_states",
                columns: new[] { "account_name", "folder" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_jobs_state_due_at",
                schema: "triage",
                table: "jobs",
                columns: new[] { "state", "due_at" });

            migrationBuilder.CreateIndex(
                name: "IX_processed_messages_message_id_account_name",
                schema: "triage",
                table: "processed_messages",
                columns: new[] { "message_id", "account_name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "idx_processed_messages_account",
                schema: "triage",
                table: "processed_messages",
                column: "account_name");

            migrationBuilder.CreateIndex(
                name: "idx_processed_messages_processed_at",
                schema: "triage",
                table: "processed_messages",
                column: "processed_at");

            migrationBuilder.CreateIndex(
                name: "IX_webhook_deliveries_endpoint_id_created_at",
                schema: "triage",
                table: "webhook_deliveries",
                columns: new[] { "endpoint_id", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_log",
                schema: "triage");

            migrationBuilder.DropTable(
                name: "dashboard_sessions",
                schema: "triage");

            migrationBuilder.DropTable(
                name: "dead_letter",
                schema: "triage");

            migrationBuilder.DropTable(
                name: "forwarded_messages",
                schema: "triage");

            migrationBuilder.DropTable(
                name: "imap_folder_states",
                schema: "triage");

            migrationBuilder.DropTable(
                name: "jobs",
                schema: "triage");

            migrationBuilder.DropTable(
                name: "oauth_refresh_tokens",
                schema: "triage");

            migrationBuilder.DropTable(
                name: "paused_accounts",
                schema: "triage");

            migrationBuilder.DropTable(
                name: "processed_messages",
                schema: "triage");

            migrationBuilder.DropTable(
                name: "webhook_deliveries",
                schema: "triage");

            migrationBuilder.DropTable(
                name: "dashboard_users",
                schema: "triage");
        }
    }
}
