using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Chat.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "chat");

            migrationBuilder.CreateTable(
                name: "announcements",
                schema: "chat",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    body = table.Column<string>(type: "text", nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_announcements", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "identity_keys",
                schema: "chat",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    identity_key = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    fingerprint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    rotated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_keys", x => x.user_id);
                });

            migrationBuilder.CreateTable(
                name: "jobs",
                schema: "chat",
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
                name: "one_time_prekeys",
                schema: "chat",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    key_id = table.Column<int>(type: "integer", nullable: false),
                    public_key = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    used = table.Column<bool>(type: "boolean", nullable: false, defaultValue: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_one_time_prekeys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sender_key_distributions",
                schema: "chat",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    channel_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    chain_id = table.Column<int>(type: "integer", nullable: false),
                    distribution = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sender_key_distributions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "signed_prekeys",
                schema: "chat",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    key_id = table.Column<int>(type: "integer", nullable: false),
                    public_key = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    signature = table.Column<byte[]>(type: "bytea", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_signed_prekeys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "user_preferences",
                schema: "chat",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    preferences = table.Column<string>(type: "text", nullable: false, defaultValue: "{}"),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_user_preferences", x => x.user_id);
                });

            migrationBuilder.CreateTable(
                name: "voice_sessions",
                schema: "chat",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    channel_id = table.Column<Guid>(type: "uuid", nullable: false),
                    started_by = table.Column<Guid>(type: "uuid", nullable: false),
                    started_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ended_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_voice_sessions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "webhook_deliveries",
                schema: "chat",
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
                name: "announcement_dismissals",
                schema: "chat",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    announcement_id = table.Column<Guid>(type: "uuid", nullable: false),
                    dismissed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_announcement_dismissals", x => new { x.user_id, x.announcement_id });
                    table.ForeignKey(
                        name: "FK_announcement_dismissals_announcements_announcement_id",
                        column: x => x.announcement_id,
                        principalSchema: "chat",
                        principalTable: "announcements",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "voice_session_participants",
                schema: "chat",
                columns: table => new
                {
                    session_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    joined_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    left_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_voice_session_participants", x => new { x.session_id, x.user_id });
                    table.ForeignKey(
                        name: "FK_voice_session_participants_voice_sessions_session_id",
                        column: x => x.session_id,
                        principalSchema: "chat",
                        principalTable: "voice_sessions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_announcement_dismissals_announcement_id",
                schema: "chat",
                table: "announcement_dismissals",
                column: "announcement_id");

            migrationBuilder.CreateIndex(
                name: "IX_announcements_created_at",
                schema: "chat",
                table: "announcements",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "IX_jobs_state_due_at",
                schema: "chat",
                table: "jobs",
                columns: new[] { "state", "due_at" });

            migrationBuilder.CreateIndex(
                name: "IX_one_time_prekeys_user_id_key_id",
                schema: "chat",
                table: "one_time_prekeys",
                columns: new[] { "user_id", "key_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_one_time_prekeys_user_id_used",
                schema: "chat",
                table: "one_time_prekeys",
                columns: new[] { "user_id", "used" },
                filter: "NOT used");

            migrationBuilder.CreateIndex(
                name: "IX_sender_key_distributions_channel_id_user_id",
                schema: "chat",
                table: "sender_key_distributions",
                columns: new[] { "channel_id", "user_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_sender_key_distributions_user_id",
                schema: "chat",
                table: "sender_key_distributions",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "IX_signed_prekeys_user_id_key_id",
                schema: "chat",
                table: "signed_prekeys",
                columns: new[] { "user_id", "key_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_voice_session_participants_user_id",
                schema: "chat",
                table: "voice_session_participants",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "IX_voice_sessions_channel_id",
                schema: "chat",
                table: "voice_sessions",
                column: "channel_id");

            migrationBuilder.CreateIndex(
                name: "IX_voice_sessions_started_by",
                schema: "chat",
                table: "voice_sessions",
                column: "started_by");

            migrationBuilder.CreateIndex(
                name: "IX_webhook_deliveries_endpoint_id_created_at",
                schema: "chat",
                table: "webhook_deliveries",
                columns: new[] { "endpoint_id", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "announcement_dismissals",
                schema: "chat");

            migrationBuilder.DropTable(
                name: "identity_keys",
                schema: "chat");

            migrationBuilder.DropTable(
                name: "jobs",
                schema: "chat");

            migrationBuilder.DropTable(
                name: "one_time_prekeys",
                schema: "chat");

            migrationBuilder.DropTable(
                name: "sender_key_distributions",
                schema: "chat");

            migrationBuilder.DropTable(
                name: "signed_prekeys",
                schema: "chat");

            migrationBuilder.DropTable(
                name: "user_preferences",
                schema: "chat");

            migrationBuilder.DropTable(
                name: "voice_session_participants",
                schema: "chat");

            migrationBuilder.DropTable(
                name: "webhook_deliveries",
                schema: "chat");

            migrationBuilder.DropTable(
                name: "announcements",
                schema: "chat");

            migrationBuilder.DropTable(
                name: "voice_sessions",
                schema: "chat");
        }
    }
}
