using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Modmail.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "api_keys",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    key_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    permissions = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: true),
                    last_used_at = table.Column<long>(type: "INTEGER", nullable: true),
                    is_active = table.Column<bool>(type: "INTEGER", nullable: false),
                    desk_id = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_api_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "blocked_users",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    blocked_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    blocked_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_blocked_users", x => x.user_id);
                });

            migrationBuilder.CreateTable(
                name: "features_messages",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    message_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    content = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_features_messages", x => x.id);
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
                name: "panel_permissions",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    subject_type = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    subject_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    permission = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    granted_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    granted_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_panel_permissions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sessions_panel",
                columns: table => new
                {
                    session_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    user_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    access_token = table.Column<string>(type: "TEXT", nullable: true),
                    refresh_token = table.Column<string>(type: "TEXT", nullable: true),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: false),
                    avatar_hash = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sessions_panel", x => x.session_id);
                });

            migrationBuilder.CreateTable(
                name: "snippets",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    content = table.Column<string>(type: "TEXT", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_snippets", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "staff_alerts",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    staff_user_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    thread_user_id = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    used = table.Column<bool>(type: "INTEGER", nullable: false),
                    thread_id = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_staff_alerts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "support_desks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    community_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    staff_community_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    mode = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    bot_user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tickets_group_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    staff_role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    prefix = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    welcome_message = table.Column<string>(type: "TEXT", nullable: false),
                    closing_message = table.Column<string>(type: "TEXT", nullable: false),
                    status_text = table.Column<string>(type: "TEXT", nullable: true),
                    anonymous_name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    category_selection = table.Column<bool>(type: "INTEGER", nullable: false),
                    features = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    chat_cursor_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    chat_cursor_message_id = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_support_desks", x => x.id);
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
                name: "category_choices",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    desk_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    transport = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    user_id = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    member_conversation_id = table.Column<string>(type: "TEXT", nullable: true),
                    started_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: false),
                    held_messages = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_category_choices", x => x.id);
                    table.ForeignKey(
                        name: "FK_category_choices_support_desks_desk_id",
                        column: x => x.desk_id,
                        principalTable: "support_desks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "support_inboxes",
                columns: table => new
                {
                    inbox_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    desk_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    display_name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    mail_cursor_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    mail_cursor_message_id = table.Column<string>(type: "TEXT", maxLength: 998, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_support_inboxes", x => x.inbox_id);
                    table.ForeignKey(
                        name: "FK_support_inboxes_support_desks_desk_id",
                        column: x => x.desk_id,
                        principalTable: "support_desks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "threads",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    channel_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    next_message_number = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    user_left = table.Column<bool>(type: "INTEGER", nullable: false),
                    closed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    closed_by = table.Column<string>(type: "TEXT", nullable: true),
                    category_id = table.Column<string>(type: "TEXT", nullable: true),
                    category_name = table.Column<string>(type: "TEXT", nullable: true),
                    required_permissions = table.Column<string>(type: "TEXT", nullable: true),
                    desk_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    transport = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    member_conversation_id = table.Column<string>(type: "TEXT", nullable: true),
                    assigned_to = table.Column<string>(type: "TEXT", nullable: true),
                    first_response_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    awaiting_staff = table.Column<bool>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_threads", x => x.id);
                    table.ForeignKey(
                        name: "FK_threads_support_desks_desk_id",
                        column: x => x.desk_id,
                        principalTable: "support_desks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ticket_categories",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    desk_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    description = table.Column<string>(type: "TEXT", nullable: true),
                    emoji = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    required_permissions = table.Column<string>(type: "TEXT", nullable: true),
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ticket_categories", x => x.id);
                    table.ForeignKey(
                        name: "FK_ticket_categories_support_desks_desk_id",
                        column: x => x.desk_id,
                        principalTable: "support_desks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "reminders",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    thread_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    channel_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    guild_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    reminder_content = table.Column<string>(type: "TEXT", nullable: true),
                    trigger_time = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    completed = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reminders", x => x.id);
                    table.ForeignKey(
                        name: "FK_reminders_threads_thread_id",
                        column: x => x.thread_id,
                        principalTable: "threads",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "scheduled_closures",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    thread_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    scheduled_time = table.Column<long>(type: "INTEGER", nullable: false),
                    silent = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_scheduled_closures", x => x.id);
                    table.ForeignKey(
                        name: "FK_scheduled_closures_threads_thread_id",
                        column: x => x.thread_id,
                        principalTable: "threads",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "thread_messages",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    thread_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    is_anonymous = table.Column<bool>(type: "INTEGER", nullable: false),
                    dm_message_id = table.Column<string>(type: "TEXT", maxLength: 998, nullable: true),
                    inbox_message_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    message_number = table.Column<int>(type: "INTEGER", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    content = table.Column<string>(type: "TEXT", nullable: false),
                    thread_status = table.Column<int>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    attachments = table.Column<string>(type: "TEXT", nullable: true),
                    author_role = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    edited_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    deleted_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_thread_messages", x => x.id);
                    table.ForeignKey(
                        name: "FK_thread_messages_threads_thread_id",
                        column: x => x.thread_id,
                        principalTable: "threads",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "thread_staff",
                columns: table => new
                {
                    thread_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<string>(type: "TEXT", nullable: false),
                    added_by = table.Column<string>(type: "TEXT", nullable: false),
                    added_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_thread_staff", x => new { x.thread_id, x.user_id });
                    table.ForeignKey(
                        name: "FK_thread_staff_threads_thread_id",
                        column: x => x.thread_id,
                        principalTable: "threads",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "thread_status",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    thread_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    changed_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_thread_status", x => x.id);
                    table.ForeignKey(
                        name: "FK_thread_status_threads_thread_id",
                        column: x => x.thread_id,
                        principalTable: "threads",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "idx_api_keys_active",
                table: "api_keys",
                column: "is_active");

            migrationBuilder.CreateIndex(
                name: "idx_api_keys_hash",
                table: "api_keys",
                column: "key_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_category_choices_desk_id_transport_user_id",
                table: "category_choices",
                columns: new[] { "desk_id", "transport", "user_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_jobs_state_due_at",
                table: "jobs",
                columns: new[] { "state", "due_at" });

            migrationBuilder.CreateIndex(
                name: "IX_panel_permissions_subject_type_subject_id_permission",
                table: "panel_permissions",
                columns: new[] { "subject_type", "subject_id", "permission" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "idx_panel_perms_permission",
                table: "panel_permissions",
                column: "permission");

            migrationBuilder.CreateIndex(
                name: "idx_panel_perms_subject",
                table: "panel_permissions",
                columns: new[] { "subject_type", "subject_id" });

            migrationBuilder.CreateIndex(
                name: "IX_reminders_completed_trigger_time",
                table: "reminders",
                columns: new[] { "completed", "trigger_time" });

            migrationBuilder.CreateIndex(
                name: "IX_reminders_thread_id",
                table: "reminders",
                column: "thread_id");

            migrationBuilder.CreateIndex(
                name: "IX_scheduled_closures_thread_id",
                table: "scheduled_closures",
                column: "thread_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_sessions_panel_expires_at",
                table: "sessions_panel",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "IX_sessions_panel_user_id",
                table: "sessions_panel",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "idx_snippets_key",
                table: "snippets",
                column: "key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_staff_alerts_thread_user_id_used",
                table: "staff_alerts",
                columns: new[] { "thread_user_id", "used" });

            migrationBuilder.CreateIndex(
                name: "IX_support_desks_community_id",
                table: "support_desks",
                column: "community_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_support_desks_staff_community_id",
                table: "support_desks",
                column: "staff_community_id");

            migrationBuilder.CreateIndex(
                name: "IX_support_inboxes_desk_id",
                table: "support_inboxes",
                column: "desk_id");

            migrationBuilder.CreateIndex(
                name: "IX_thread_messages_dm_message_id",
                table: "thread_messages",
                column: "dm_message_id");

            migrationBuilder.CreateIndex(
                name: "IX_thread_messages_inbox_message_id",
                table: "thread_messages",
                column: "inbox_message_id");

            migrationBuilder.CreateIndex(
                name: "IX_thread_messages_thread_id_created_at",
                table: "thread_messages",
                columns: new[] { "thread_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_thread_messages_thread_id_message_number",
                table: "thread_messages",
                columns: new[] { "thread_id", "message_number" },
                unique: true,
                filter: "message_number IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "thread_messages_id_key",
                table: "thread_messages",
                column: "id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_thread_staff_user_id",
                table: "thread_staff",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "IX_thread_status_thread_id_changed_at",
                table: "thread_status",
                columns: new[] { "thread_id", "changed_at" });

            migrationBuilder.CreateIndex(
                name: "IX_threads_channel_id",
                table: "threads",
                column: "channel_id");

            migrationBuilder.CreateIndex(
                name: "IX_threads_status_created_at",
                table: "threads",
                columns: new[] { "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_threads_user_id",
                table: "threads",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "threads_id_key",
                table: "threads",
                column: "id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "threads_one_open_per_member",
                table: "threads",
                columns: new[] { "desk_id", "transport", "user_id" },
                unique: true,
                filter: "status = 1");

            migrationBuilder.CreateIndex(
                name: "IX_ticket_categories_desk_id_name",
                table: "ticket_categories",
                columns: new[] { "desk_id", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_webhook_deliveries_endpoint_id_created_at",
                table: "webhook_deliveries",
                columns: new[] { "endpoint_id", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "api_keys");

            migrationBuilder.DropTable(
                name: "blocked_users");

            migrationBuilder.DropTable(
                name: "category_choices");

            migrationBuilder.DropTable(
                name: "features_messages");

            migrationBuilder.DropTable(
                name: "jobs");

            migrationBuilder.DropTable(
                name: "panel_permissions");

            migrationBuilder.DropTable(
                name: "reminders");

            migrationBuilder.DropTable(
                name: "scheduled_closures");

            migrationBuilder.DropTable(
                name: "sessions_panel");

            migrationBuilder.DropTable(
                name: "snippets");

            migrationBuilder.DropTable(
                name: "staff_alerts");

            migrationBuilder.DropTable(
                name: "support_inboxes");

            migrationBuilder.DropTable(
                name: "thread_messages");

            migrationBuilder.DropTable(
                name: "thread_staff");

            migrationBuilder.DropTable(
                name: "thread_status");

            migrationBuilder.DropTable(
                name: "ticket_categories");

            migrationBuilder.DropTable(
                name: "webhook_deliveries");

            migrationBuilder.DropTable(
                name: "threads");

            migrationBuilder.DropTable(
                name: "support_desks");
        }
    }
}
