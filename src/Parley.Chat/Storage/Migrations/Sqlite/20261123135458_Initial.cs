using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Chat.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "blocked_hashes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    hash = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    reason = table.Column<string>(type: "TEXT", nullable: true),
                    blocked_by = table.Column<Guid>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_blocked_hashes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "files",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    uploader_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    encrypted_name = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    size_bytes = table.Column<long>(type: "INTEGER", nullable: false),
                    content_type = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    storage_path = table.Column<string>(type: "TEXT", nullable: false),
                    checksum = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    channel_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    quarantined_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    quarantined_by = table.Column<Guid>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_files", x => x.id);
                    table.CheckConstraint("ck_files_size_bytes", "size_bytes >= 0");
                });

            migrationBuilder.CreateTable(
                name: "jobs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    payload = table.Column<string>(type: "TEXT", nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    due_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    max_attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    last_error = table.Column<string>(type: "TEXT", nullable: true),
                    locked_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    locked_until = table.Column<DateTime>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    completed_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_jobs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "messages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    channel_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sender_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ciphertext = table.Column<byte[]>(type: "BLOB", nullable: true),
                    nonce = table.Column<byte[]>(type: "BLOB", nullable: true),
                    message_type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    sender_key_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    reply_to_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    thread_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    plaintext = table.Column<string>(type: "TEXT", nullable: true),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    edited_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    deleted_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    quarantined_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    quarantined_by = table.Column<Guid>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                        principalTable: "messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_messages_messages_thread_id",
                        column: x => x.thread_id,
                        principalTable: "messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "polls",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    channel_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    created_by = table.Column<Guid>(type: "TEXT", nullable: false),
                    question = table.Column<string>(type: "TEXT", nullable: false),
                    options = table.Column<string>(type: "TEXT", nullable: false),
                    multi_select = table.Column<bool>(type: "INTEGER", nullable: false),
                    anonymous = table.Column<bool>(type: "INTEGER", nullable: false),
                    closed = table.Column<bool>(type: "INTEGER", nullable: false),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_polls", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "reports",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    reporter_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    report_type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    target_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    reason = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false, defaultValue: "pending"),
                    reviewed_by = table.Column<Guid>(type: "TEXT", nullable: true),
                    reviewed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    admin_notes = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reports", x => x.id);
                    table.CheckConstraint("ck_reports_status", "status IN ('pending', 'reviewed', 'resolved', 'dismissed')");
                });

            migrationBuilder.CreateTable(
                name: "scheduled_messages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    channel_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ciphertext = table.Column<string>(type: "TEXT", nullable: false),
                    nonce = table.Column<string>(type: "TEXT", nullable: false),
                    scheduled_for = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_scheduled_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "user_timeouts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    channel_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    issued_by = table.Column<Guid>(type: "TEXT", nullable: false),
                    reason = table.Column<string>(type: "TEXT", nullable: true),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_user_timeouts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "warnings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    channel_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    issued_by = table.Column<Guid>(type: "TEXT", nullable: false),
                    reason = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_warnings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "webhook_deliveries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    endpoint_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    event_type = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    payload = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    last_status_code = table.Column<int>(type: "INTEGER", nullable: true),
                    last_error = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    next_attempt_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    delivered_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_webhook_deliveries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "bookmarks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    message_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    note = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bookmarks", x => x.id);
                    table.ForeignKey(
                        name: "FK_bookmarks_messages_message_id",
                        column: x => x.message_id,
                        principalTable: "messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "message_edits",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    message_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    old_ciphertext = table.Column<byte[]>(type: "BLOB", nullable: true),
                    old_nonce = table.Column<byte[]>(type: "BLOB", nullable: true),
                    edited_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_message_edits", x => x.id);
                    table.ForeignKey(
                        name: "FK_message_edits_messages_message_id",
                        column: x => x.message_id,
                        principalTable: "messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "pinned_messages",
                columns: table => new
                {
                    message_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    channel_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    pinned_by = table.Column<Guid>(type: "TEXT", nullable: false),
                    pinned_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pinned_messages", x => x.message_id);
                    table.ForeignKey(
                        name: "FK_pinned_messages_messages_message_id",
                        column: x => x.message_id,
                        principalTable: "messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "reactions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    message_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    emoji = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reactions", x => x.id);
                    table.ForeignKey(
                        name: "FK_reactions_messages_message_id",
                        column: x => x.message_id,
                        principalTable: "messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "read_cursors",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    channel_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    last_read_message_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    last_read_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_read_cursors", x => new { x.user_id, x.channel_id });
                    table.ForeignKey(
                        name: "FK_read_cursors_messages_last_read_message_id",
                        column: x => x.last_read_message_id,
                        principalTable: "messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "poll_votes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    poll_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    option_index = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_poll_votes", x => x.id);
                    table.CheckConstraint("ck_poll_votes_option_index", "option_index >= 0");
                    table.ForeignKey(
                        name: "FK_poll_votes_polls_poll_id",
                        column: x => x.poll_id,
                        principalTable: "polls",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_blocked_hashes_hash",
                table: "blocked_hashes",
                column: "hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_bookmarks_message_id",
                table: "bookmarks",
                column: "message_id");

            migrationBuilder.CreateIndex(
                name: "IX_bookmarks_user_id_message_id",
                table: "bookmarks",
                columns: new[] { "user_id", "message_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_files_channel_id",
                table: "files",
                column: "channel_id");

            migrationBuilder.CreateIndex(
                name: "IX_files_checksum",
                table: "files",
                column: "checksum");

            migrationBuilder.CreateIndex(
                name: "IX_files_uploader_id",
                table: "files",
                column: "uploader_id");

            migrationBuilder.CreateIndex(
                name: "IX_jobs_state_due_at",
                table: "jobs",
                columns: new[] { "state", "due_at" });

            migrationBuilder.CreateIndex(
                name: "IX_message_edits_message_id_edited_at",
                table: "message_edits",
                columns: new[] { "message_id", "edited_at" });

            migrationBuilder.CreateIndex(
                name: "IX_messages_channel_id_created_at",
                table: "messages",
                columns: new[] { "channel_id", "created_at" },
                descending: new[] { false, true });

            migrationBuilder.CreateIndex(
                name: "IX_messages_expires_at",
                table: "messages",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "IX_messages_reply_to_id",
                table: "messages",
                column: "reply_to_id");

            migrationBuilder.CreateIndex(
                name: "IX_messages_sender_id_created_at",
                table: "messages",
                columns: new[] { "sender_id", "created_at" },
                descending: new[] { false, true });

            migrationBuilder.CreateIndex(
                name: "IX_messages_sender_key_id",
                table: "messages",
                column: "sender_key_id");

            migrationBuilder.CreateIndex(
                name: "IX_messages_thread_id",
                table: "messages",
                column: "thread_id");

            migrationBuilder.CreateIndex(
                name: "IX_pinned_messages_channel_id_pinned_at",
                table: "pinned_messages",
                columns: new[] { "channel_id", "pinned_at" },
                descending: new[] { false, true });

            migrationBuilder.CreateIndex(
                name: "IX_poll_votes_poll_id_user_id_option_index",
                table: "poll_votes",
                columns: new[] { "poll_id", "user_id", "option_index" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_poll_votes_user_id",
                table: "poll_votes",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "IX_polls_channel_id_created_at",
                table: "polls",
                columns: new[] { "channel_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_polls_created_by",
                table: "polls",
                column: "created_by");

            migrationBuilder.CreateIndex(
                name: "IX_reactions_message_id_user_id_emoji",
                table: "reactions",
                columns: new[] { "message_id", "user_id", "emoji" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_reactions_user_id",
                table: "reactions",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "IX_read_cursors_channel_id",
                table: "read_cursors",
                column: "channel_id");

            migrationBuilder.CreateIndex(
                name: "IX_read_cursors_last_read_message_id",
                table: "read_cursors",
                column: "last_read_message_id");

            migrationBuilder.CreateIndex(
                name: "IX_reports_reporter_id",
                table: "reports",
                column: "reporter_id");

            migrationBuilder.CreateIndex(
                name: "IX_reports_status_created_at",
                table: "reports",
                columns: new[] { "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_reports_target_id",
                table: "reports",
                column: "target_id");

            migrationBuilder.CreateIndex(
                name: "IX_scheduled_messages_channel_id",
                table: "scheduled_messages",
                column: "channel_id");

            migrationBuilder.CreateIndex(
                name: "IX_scheduled_messages_scheduled_for",
                table: "scheduled_messages",
                column: "scheduled_for");

            migrationBuilder.CreateIndex(
                name: "IX_scheduled_messages_user_id_scheduled_for",
                table: "scheduled_messages",
                columns: new[] { "user_id", "scheduled_for" });

            migrationBuilder.CreateIndex(
                name: "IX_user_timeouts_channel_id_user_id_expires_at",
                table: "user_timeouts",
                columns: new[] { "channel_id", "user_id", "expires_at" });

            migrationBuilder.CreateIndex(
                name: "IX_user_timeouts_user_id",
                table: "user_timeouts",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "IX_warnings_channel_id_user_id",
                table: "warnings",
                columns: new[] { "channel_id", "user_id" });

            migrationBuilder.CreateIndex(
                name: "IX_warnings_user_id_created_at",
                table: "warnings",
                columns: new[] { "user_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_webhook_deliveries_endpoint_id_created_at",
                table: "webhook_deliveries",
                columns: new[] { "endpoint_id", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "blocked_hashes");

            migrationBuilder.DropTable(
                name: "bookmarks");

            migrationBuilder.DropTable(
                name: "files");

            migrationBuilder.DropTable(
                name: "jobs");

            migrationBuilder.DropTable(
                name: "message_edits");

            migrationBuilder.DropTable(
                name: "pinned_messages");

            migrationBuilder.DropTable(
                name: "poll_votes");

            migrationBuilder.DropTable(
                name: "reactions");

            migrationBuilder.DropTable(
                name: "read_cursors");

            migrationBuilder.DropTable(
                name: "reports");

            migrationBuilder.DropTable(
                name: "scheduled_messages");

            migrationBuilder.DropTable(
                name: "user_timeouts");

            migrationBuilder.DropTable(
                name: "warnings");

            migrationBuilder.DropTable(
                name: "webhook_deliveries");

            migrationBuilder.DropTable(
                name: "polls");

            migrationBuilder.DropTable(
                name: "messages");
        }
    }
}
