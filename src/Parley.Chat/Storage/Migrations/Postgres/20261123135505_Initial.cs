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
                name: "blocked_hashes",
                schema: "chat",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    hash = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    reason = table.Column<string>(type: "text", nullable: true),
                    blocked_by = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_blocked_hashes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "files",
                schema: "chat",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    uploader_id = table.Column<Guid>(type: "uuid", nullable: false),
                    encrypted_name = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    size_bytes = table.Column<long>(type: "bigint", nullable: false),
                    content_type = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    storage_path = table.Column<string>(type: "text", nullable: false),
                    checksum = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    channel_id = table.Column<Guid>(type: "uuid", nullable: true),
                    quarantined_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    quarantined_by = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_files", x => x.id);
                    table.CheckConstraint("ck_files_size_bytes", "size_bytes >= 0");
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
                name: "messages",
                schema: "chat",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    channel_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sender_id = table.Column<Guid>(type: "uuid", nullable: false),
                    ciphertext = table.Column<byte[]>(type: "bytea", nullable: true),
                    nonce = table.Column<byte[]>(type: "bytea", nullable: true),
                    message_type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    sender_key_id = table.Column<Guid>(type: "uuid", nullable: true),
                    reply_to_id = table.Column<Guid>(type: "uuid", nullable: true),
                    thread_id = table.Column<Guid>(type: "uuid", nullable: true),
                    plaintext = table.Column<string>(type: "text", nullable: true),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    edited_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    deleted_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    quarantined_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    quarantined_by = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_messages", x => x.id);
                    table.CheckConstraint("ck_messages_ciphertext_size", "ciphertext IS NULL OR length(ciphertext) <= 65536");
                    table.CheckConstraint("ck_messages_content", "plaintext IS NOT NULL OR (ciphertext IS NOT NULL AND nonce IS NOT NULL)");
                    table.CheckConstraint("ck_messages_message_type", "message_type IN ('text', 'file', 'system', 'webhook')");
                    table.ForeignKey(
                        name: "FK_messages_messages_reply_to_id",
                        column: x => x.reply_to_id,
                        principalSchema: "chat",
                        principalTable: "messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_messages_messages_thread_id",
                        column: x => x.thread_id,
                        principalSchema: "chat",
                        principalTable: "messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "polls",
                schema: "chat",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    channel_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: false),
                    question = table.Column<string>(type: "text", nullable: false),
                    options = table.Column<string>(type: "text", nullable: false),
                    multi_select = table.Column<bool>(type: "boolean", nullable: false),
                    anonymous = table.Column<bool>(type: "boolean", nullable: false),
                    closed = table.Column<bool>(type: "boolean", nullable: false),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_polls", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "reports",
                schema: "chat",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    reporter_id = table.Column<Guid>(type: "uuid", nullable: false),
                    report_type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    target_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reason = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, defaultValue: "pending"),
                    reviewed_by = table.Column<Guid>(type: "uuid", nullable: true),
                    reviewed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    admin_notes = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reports", x => x.id);
                    table.CheckConstraint("ck_reports_status", "status IN ('pending', 'reviewed', 'resolved', 'dismissed')");
                });

            migrationBuilder.CreateTable(
                name: "scheduled_messages",
                schema: "chat",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    channel_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    ciphertext = table.Column<string>(type: "text", nullable: false),
                    nonce = table.Column<string>(type: "text", nullable: false),
                    scheduled_for = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_scheduled_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "user_timeouts",
                schema: "chat",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    channel_id = table.Column<Guid>(type: "uuid", nullable: false),
                    issued_by = table.Column<Guid>(type: "uuid", nullable: false),
                    reason = table.Column<string>(type: "text", nullable: true),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_user_timeouts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "warnings",
                schema: "chat",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    channel_id = table.Column<Guid>(type: "uuid", nullable: false),
                    issued_by = table.Column<Guid>(type: "uuid", nullable: false),
                    reason = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_warnings", x => x.id);
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
                name: "bookmarks",
                schema: "chat",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    note = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bookmarks", x => x.id);
                    table.ForeignKey(
                        name: "FK_bookmarks_messages_message_id",
                        column: x => x.message_id,
                        principalSchema: "chat",
                        principalTable: "messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "message_edits",
                schema: "chat",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    old_ciphertext = table.Column<byte[]>(type: "bytea", nullable: true),
                    old_nonce = table.Column<byte[]>(type: "bytea", nullable: true),
                    edited_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_message_edits", x => x.id);
                    table.ForeignKey(
                        name: "FK_message_edits_messages_message_id",
                        column: x => x.message_id,
                        principalSchema: "chat",
                        principalTable: "messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "pinned_messages",
                schema: "chat",
                columns: table => new
                {
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    channel_id = table.Column<Guid>(type: "uuid", nullable: false),
                    pinned_by = table.Column<Guid>(type: "uuid", nullable: false),
                    pinned_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pinned_messages", x => x.message_id);
                    table.ForeignKey(
                        name: "FK_pinned_messages_messages_message_id",
                        column: x => x.message_id,
                        principalSchema: "chat",
                        principalTable: "messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "reactions",
                schema: "chat",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    emoji = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reactions", x => x.id);
                    table.ForeignKey(
                        name: "FK_reactions_messages_message_id",
                        column: x => x.message_id,
                        principalSchema: "chat",
                        principalTable: "messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "read_cursors",
                schema: "chat",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    channel_id = table.Column<Guid>(type: "uuid", nullable: false),
                    last_read_message_id = table.Column<Guid>(type: "uuid", nullable: true),
                    last_read_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_read_cursors", x => new { x.user_id, x.channel_id });
                    table.ForeignKey(
                        name: "FK_read_cursors_messages_last_read_message_id",
                        column: x => x.last_read_message_id,
                        principalSchema: "chat",
                        principalTable: "messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "poll_votes",
                schema: "chat",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    poll_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    option_index = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_poll_votes", x => x.id);
                    table.CheckConstraint("ck_poll_votes_option_index", "option_index >= 0");
                    table.ForeignKey(
                        name: "FK_poll_votes_polls_poll_id",
                        column: x => x.poll_id,
                        principalSchema: "chat",
                        principalTable: "polls",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_blocked_hashes_hash",
                schema: "chat",
                table: "blocked_hashes",
                column: "hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_bookmarks_message_id",
                schema: "chat",
                table: "bookmarks",
                column: "message_id");

            migrationBuilder.CreateIndex(
                name: "IX_bookmarks_user_id_message_id",
                schema: "chat",
                table: "bookmarks",
                columns: new[] { "user_id", "message_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_files_channel_id",
                schema: "chat",
                table: "files",
                column: "channel_id");

            migrationBuilder.CreateIndex(
                name: "IX_files_checksum",
                schema: "chat",
                table: "files",
                column: "checksum");

            migrationBuilder.CreateIndex(
                name: "IX_files_uploader_id",
                schema: "chat",
                table: "files",
                column: "uploader_id");

            migrationBuilder.CreateIndex(
                name: "IX_jobs_state_due_at",
                schema: "chat",
                table: "jobs",
                columns: new[] { "state", "due_at" });

            migrationBuilder.CreateIndex(
                name: "IX_message_edits_message_id_edited_at",
                schema: "chat",
                table: "message_edits",
                columns: new[] { "message_id", "edited_at" });

            migrationBuilder.CreateIndex(
                name: "IX_messages_channel_id_created_at",
                schema: "chat",
                table: "messages",
                columns: new[] { "channel_id", "created_at" },
                descending: new[] { false, true });

            migrationBuilder.CreateIndex(
                name: "IX_messages_expires_at",
                schema: "chat",
                table: "messages",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "IX_messages_reply_to_id",
                schema: "chat",
                table: "messages",
                column: "reply_to_id");

            migrationBuilder.CreateIndex(
                name: "IX_messages_sender_id_created_at",
                schema: "chat",
                table: "messages",
                columns: new[] { "sender_id", "created_at" },
                descending: new[] { false, true });

            migrationBuilder.CreateIndex(
                name: "IX_messages_sender_key_id",
                schema: "chat",
                table: "messages",
                column: "sender_key_id");

            migrationBuilder.CreateIndex(
                name: "IX_messages_thread_id",
                schema: "chat",
                table: "messages",
                column: "thread_id");

            migrationBuilder.CreateIndex(
                name: "IX_pinned_messages_channel_id_pinned_at",
                schema: "chat",
                table: "pinned_messages",
                columns: new[] { "channel_id", "pinned_at" },
                descending: new[] { false, true });

            migrationBuilder.CreateIndex(
                name: "IX_poll_votes_poll_id_user_id_option_index",
                schema: "chat",
                table: "poll_votes",
                columns: new[] { "poll_id", "user_id", "option_index" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_poll_votes_user_id",
                schema: "chat",
                table: "poll_votes",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "IX_polls_channel_id_created_at",
                schema: "chat",
                table: "polls",
                columns: new[] { "channel_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_polls_created_by",
                schema: "chat",
                table: "polls",
                column: "created_by");

            migrationBuilder.CreateIndex(
                name: "IX_reactions_message_id_user_id_emoji",
                schema: "chat",
                table: "reactions",
                columns: new[] { "message_id", "user_id", "emoji" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_reactions_user_id",
                schema: "chat",
                table: "reactions",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "IX_read_cursors_channel_id",
                schema: "chat",
                table: "read_cursors",
                column: "channel_id");

            migrationBuilder.CreateIndex(
                name: "IX_read_cursors_last_read_message_id",
                schema: "chat",
                table: "read_cursors",
                column: "last_read_message_id");

            migrationBuilder.CreateIndex(
                name: "IX_reports_reporter_id",
                schema: "chat",
                table: "reports",
                column: "reporter_id");

            migrationBuilder.CreateIndex(
                name: "IX_reports_status_created_at",
                schema: "chat",
                table: "reports",
                columns: new[] { "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_reports_target_id",
                schema: "chat",
                table: "reports",
                column: "target_id");

            migrationBuilder.CreateIndex(
                name: "IX_scheduled_messages_channel_id",
                schema: "chat",
                table: "scheduled_messages",
                column: "channel_id");

            migrationBuilder.CreateIndex(
                name: "IX_scheduled_messages_scheduled_for",
                schema: "chat",
                table: "scheduled_messages",
                column: "scheduled_for");

            migrationBuilder.CreateIndex(
                name: "IX_scheduled_messages_user_id_scheduled_for",
                schema: "chat",
                table: "scheduled_messages",
                columns: new[] { "user_id", "scheduled_for" });

            migrationBuilder.CreateIndex(
                name: "IX_user_timeouts_channel_id_user_id_expires_at",
                schema: "chat",
                table: "user_timeouts",
                columns: new[] { "channel_id", "user_id", "expires_at" });

            migrationBuilder.CreateIndex(
                name: "IX_user_timeouts_user_id",
                schema: "chat",
                table: "user_timeouts",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "IX_warnings_channel_id_user_id",
                schema: "chat",
                table: "warnings",
                columns: new[] { "channel_id", "user_id" });

            migrationBuilder.CreateIndex(
                name: "IX_warnings_user_id_created_at",
                schema: "chat",
                table: "warnings",
                columns: new[] { "user_id", "created_at" });

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
                name: "blocked_hashes",
                schema: "chat");

            migrationBuilder.DropTable(
                name: "bookmarks",
                schema: "chat");

            migrationBuilder.DropTable(
                name: "files",
                schema: "chat");

            migrationBuilder.DropTable(
                name: "jobs",
                schema: "chat");

            migrationBuilder.DropTable(
                name: "message_edits",
                schema: "chat");

            migrationBuilder.DropTable(
                name: "pinned_messages",
                schema: "chat");

            migrationBuilder.DropTable(
                name: "poll_votes",
                schema: "chat");

            migrationBuilder.DropTable(
                name: "reactions",
                schema: "chat");

            migrationBuilder.DropTable(
                name: "read_cursors",
                schema: "chat");

            migrationBuilder.DropTable(
                name: "reports",
                schema: "chat");

            migrationBuilder.DropTable(
                name: "scheduled_messages",
                schema: "chat");

            migrationBuilder.DropTable(
                name: "user_timeouts",
                schema: "chat");

            migrationBuilder.DropTable(
                name: "warnings",
                schema: "chat");

            migrationBuilder.DropTable(
                name: "webhook_deliveries",
                schema: "chat");

            migrationBuilder.DropTable(
                name: "polls",
                schema: "chat");

            migrationBuilder.DropTable(
                name: "messages",
                schema: "chat");
        }
    }
}
