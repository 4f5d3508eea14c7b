using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Parley.Modmail.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "modmail");

            migrationBuilder.CreateTable(
                name: "api_keys",
                schema: "modmail",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    key_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    permissions = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<long>(type: "bigint", nullable: false),
                    expires_at = table.Column<long>(type: "bigint", nullable: true),
                    last_used_at = table.Column<long>(type: "bigint", nullable: true),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    desk_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_api_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "blocked_users",
                schema: "modmail",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    blocked_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    blocked_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_blocked_users", x => x.user_id);
                });

            migrationBuilder.CreateTable(
                name: "features_messages",
                schema: "modmail",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    message_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    content = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_features_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "jobs",
                schema: "modmail",
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
                name: "panel_permissions",
                schema: "modmail",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    subject_type = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    subject_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    permission = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    granted_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    granted_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_panel_permissions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sessions_panel",
                schema: "modmail",
                columns: table => new
                {
                    session_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    user_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    access_token = table.Column<string>(type: "text", nullable: true),
                    refresh_token = table.Column<string>(type: "text", nullable: true),
                    expires_at = table.Column<long>(type: "bigint", nullable: false),
                    avatar_hash = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sessions_panel", x => x.session_id);
                });

            migrationBuilder.CreateTable(
                name: "snippets",
                schema: "modmail",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    content = table.Column<string>(type: "text", nullable: false),
                    created_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_snippets", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "staff_alerts",
                schema: "modmail",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    staff_user_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    thread_user_id = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    used = table.Column<bool>(type: "boolean", nullable: false),
                    thread_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_staff_alerts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "support_desks",
                schema: "modmail",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    community_id = table.Column<Guid>(type: "uuid", nullable: true),
                    staff_community_id = table.Column<Guid>(type: "uuid", nullable: false),
                    mode = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    bot_user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tickets_group_id = table.Column<Guid>(type: "uuid", nullable: true),
                    staff_role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    prefix = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    welcome_message = table.Column<string>(type: "text", nullable: false),
                    closing_message = table.Column<string>(type: "text", nullable: false),
                    status_text = table.Column<string>(type: "text", nullable: true),
                    anonymous_name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    category_selection = table.Column<bool>(type: "boolean", nullable: false),
                    features = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    chat_cursor_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    chat_cursor_message_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_support_desks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "webhook_deliveries",
                schema: "modmail",
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
                name: "category_choices",
                schema: "modmail",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    desk_id = table.Column<Guid>(type: "uuid", nullable: false),
                    transport = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    user_id = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    member_conversation_id = table.Column<string>(type: "text", nullable: true),
                    started_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<long>(type: "bigint", nullable: false),
                    held_messages = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_category_choices", x => x.id);
                    table.ForeignKey(
                        name: "FK_category_choices_support_desks_desk_id",
                        column: x => x.desk_id,
                        principalSchema: "modmail",
                        principalTable: "support_desks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "support_inboxes",
                schema: "modmail",
                columns: table => new
                {
                    inbox_id = table.Column<Guid>(type: "uuid", nullable: false),
                    desk_id = table.Column<Guid>(type: "uuid", nullable: false),
                    display_name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    mail_cursor_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    mail_cursor_message_id = table.Column<string>(type: "character varying(998)", maxLength: 998, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_support_inboxes", x => x.inbox_id);
                    table.ForeignKey(
                        name: "FK_support_inboxes_support_desks_desk_id",
                        column: x => x.desk_id,
                        principalSchema: "modmail",
                        principalTable: "support_desks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "threads",
                schema: "modmail",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    channel_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    next_message_number = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    user_left = table.Column<bool>(type: "boolean", nullable: false),
                    closed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    closed_by = table.Column<string>(type: "text", nullable: true),
                    category_id = table.Column<string>(type: "text", nullable: true),
                    category_name = table.Column<string>(type: "text", nullable: true),
                    required_permissions = table.Column<string>(type: "text", nullable: true),
                    desk_id = table.Column<Guid>(type: "uuid", nullable: false),
                    transport = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    member_conversation_id = table.Column<string>(type: "text", nullable: true),
                    assigned_to = table.Column<string>(type: "text", nullable: true),
                    first_response_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    awaiting_staff = table.Column<bool>(type: "boolean", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_threads", x => x.id);
                    table.ForeignKey(
                        name: "FK_threads_support_desks_desk_id",
                        column: x => x.desk_id,
                        principalSchema: "modmail",
                        principalTable: "support_desks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ticket_categories",
                schema: "modmail",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    desk_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    description = table.Column<string>(type: "text", nullable: true),
                    emoji = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    required_permissions = table.Column<string>(type: "text", nullable: true),
                    position = table.Column<int>(type: "integer", nullable: false),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ticket_categories", x => x.id);
                    table.ForeignKey(
                        name: "FK_ticket_categories_support_desks_desk_id",
                        column: x => x.desk_id,
                        principalSchema: "modmail",
                        principalTable: "support_desks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "reminders",
                schema: "modmail",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    thread_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    channel_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    guild_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    reminder_content = table.Column<string>(type: "text", nullable: true),
                    trigger_time = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<long>(type: "bigint", nullable: false),
                    completed = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reminders", x => x.id);
                    table.ForeignKey(
                        name: "FK_reminders_threads_thread_id",
                        column: x => x.thread_id,
                        principalSchema: "modmail",
                        principalTable: "threads",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "scheduled_closures",
                schema: "modmail",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    thread_id = table.Column<Guid>(type: "uuid", nullable: false),
                    scheduled_time = table.Column<long>(type: "bigint", nullable: false),
                    silent = table.Column<bool>(type: "boolean", nullable: false),
                    created_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_scheduled_closures", x => x.id);
                    table.ForeignKey(
                        name: "FK_scheduled_closures_threads_thread_id",
                        column: x => x.thread_id,
                        principalSchema: "modmail",
                        principalTable: "threads",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "thread_messages",
                schema: "modmail",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    thread_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    is_anonymous = table.Column<bool>(type: "boolean", nullable: false),
                    dm_message_id = table.Column<string>(type: "character varying(998)", maxLength: 998, nullable: true),
                    inbox_message_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    message_number = table.Column<int>(type: "integer", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    content = table.Column<string>(type: "text", nullable: false),
                    thread_status = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    attachments = table.Column<string>(type: "text", nullable: true),
                    author_role = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    edited_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    deleted_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_thread_messages", x => x.id);
                    table.ForeignKey(
                        name: "FK_thread_messages_threads_thread_id",
                        column: x => x.thread_id,
                        principalSchema: "modmail",
                        principalTable: "threads",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "thread_staff",
                schema: "modmail",
                columns: table => new
                {
                    thread_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<string>(type: "text", nullable: false),
                    added_by = table.Column<string>(type: "text", nullable: false),
                    added_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_thread_staff", x => new { x.thread_id, x.user_id });
                    table.ForeignKey(
                        name: "FK_thread_staff_threads_thread_id",
                        column: x => x.thread_id,
                        principalSchema: "modmail",
                        principalTable: "threads",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "thread_status",
                schema: "modmail",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    thread_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    changed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_thread_status", x => x.id);
                    table.ForeignKey(
                        name: "FK_thread_status_threads_thread_id",
                        column: x => x.thread_id,
                        principalSchema: "modmail",
                        principalTable: "threads",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "idx_api_keys_active",
                schema: "modmail",
                table: "api_keys",
                column: "is_active");

            migrationBuilder.CreateIndex(
                name: "idx_api_keys_hash",
                schema: "modmail",
                table: "api_keys",
                column: "key_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_category_choices_desk_id_transport_user_id",
                schema: "modmail",
                table: "category_choices",
                columns: new[] { "desk_id", "transport", "user_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_jobs_state_due_at",
                schema: "modmail",
                table: "jobs",
                columns: new[] { "state", "due_at" });

            migrationBuilder.CreateIndex(
                name: "IX_panel_permissions_subject_type_subject_id_permission",
                schema: "modmail",
                table: "panel_permissions",
                columns: new[] { "subject_type", "subject_id", "permission" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "idx_panel_perms_permission",
                schema: "modmail",
                table: "panel_permissions",
                column: "permission");

            migrationBuilder.CreateIndex(
                name: "idx_panel_perms_subject",
                schema: "modmail",
                table: "panel_permissions",
                columns: new[] { "subject_type", "subject_id" });

            migrationBuilder.CreateIndex(
                name: "IX_reminders_completed_trigger_time",
                schema: "modmail",
                table: "reminders",
                columns: new[] { "completed", "trigger_time" });

            migrationBuilder.CreateIndex(
                name: "IX_reminders_thread_id",
                schema: "modmail",
                table: "reminders",
                column: "thread_id");

            migrationBuilder.CreateIndex(
                name: "IX_scheduled_closures_thread_id",
                schema: "modmail",
                table: "scheduled_closures",
                column: "thread_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_sessions_panel_expires_at",
                schema: "modmail",
                table: "sessions_panel",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "IX_sessions_panel_user_id",
                schema: "modmail",
                table: "sessions_panel",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "idx_snippets_key",
                schema: "modmail",
                table: "snippets",
                column: "key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_staff_alerts_thread_user_id_used",
                schema: "modmail",
                table: "staff_alerts",
                columns: new[] { "thread_user_id", "used" });

            migrationBuilder.CreateIndex(
                name: "IX_support_desks_community_id",
                schema: "modmail",
                table: "support_desks",
                column: "community_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_support_desks_staff_community_id",
                schema: "modmail",
                table: "support_desks",
                column: "staff_community_id");

            migrationBuilder.CreateIndex(
                name: "IX_support_inboxes_desk_id",
                schema: "modmail",
                table: "support_inboxes",
                column: "desk_id");

            migrationBuilder.CreateIndex(
                name: "IX_thread_messages_dm_message_id",
                schema: "modmail",
                table: "thread_messages",
                column: "dm_message_id");

            migrationBuilder.CreateIndex(
                name: "IX_thread_messages_inbox_message_id",
                schema: "modmail",
                table: "thread_messages",
                column: "inbox_message_id");

            migrationBuilder.CreateIndex(
                name: "IX_thread_messages_thread_id_created_at",
                schema: "modmail",
                table: "thread_messages",
                columns: new[] { "thread_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_thread_messages_thread_id_message_number",
                schema: "modmail",
                table: "thread_messages",
                columns: new[] { "thread_id", "message_number" },
                unique: true,
                filter: "message_number IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "thread_messages_id_key",
                schema: "modmail",
                table: "thread_messages",
                column: "id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_thread_staff_user_id",
                schema: "modmail",
                table: "thread_staff",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "IX_thread_status_thread_id_changed_at",
                schema: "modmail",
                table: "thread_status",
                columns: new[] { "thread_id", "changed_at" });

            migrationBuilder.CreateIndex(
                name: "IX_threads_channel_id",
                schema: "modmail",
                table: "threads",
                column: "channel_id");

            migrationBuilder.CreateIndex(
                name: "IX_threads_status_created_at",
                schema: "modmail",
                table: "threads",
                columns: new[] { "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_threads_user_id",
                schema: "modmail",
                table: "threads",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "threads_id_key",
                schema: "modmail",
                table: "threads",
                column: "id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "threads_one_open_per_member",
                schema: "modmail",
                table: "threads",
                columns: new[] { "desk_id", "transport", "user_id" },
                unique: true,
                filter: "status = 1");

            migrationBuilder.CreateIndex(
                name: "IX_ticket_categories_desk_id_name",
                schema: "modmail",
                table: "ticket_categories",
                columns: new[] { "desk_id", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_webhook_deliveries_endpoint_id_created_at",
                schema: "modmail",
                table: "webhook_deliveries",
                columns: new[] { "endpoint_id", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "api_keys",
                schema: "modmail");

            migrationBuilder.DropTable(
                name: "blocked_users",
                schema: "modmail");

            migrationBuilder.DropTable(
                name: "category_choices",
                schema: "modmail");

            migrationBuilder.DropTable(
                name: "features_messages",
                schema: "modmail");

            migrationBuilder.DropTable(
                name: "jobs",
                schema: "modmail");

            migrationBuilder.DropTable(
                name: "panel_permissions",
                schema: "modmail");

            migrationBuilder.DropTable(
                name: "reminders",
                schema: "modmail");

            migrationBuilder.DropTable(
                name: "scheduled_closures",
                schema: "modmail");

            migrationBuilder.DropTable(
                name: "sessions_panel",
                schema: "modmail");

            migrationBuilder.DropTable(
                name: "snippets",
                schema: "modmail");

            migrationBuilder.DropTable(
                name: "staff_alerts",
                schema: "modmail");

            migrationBuilder.DropTable(
                name: "support_inboxes",
                schema: "modmail");

            migrationBuilder.DropTable(
                name: "thread_messages",
                schema: "modmail");

            migrationBuilder.DropTable(
                name: "thread_staff",
                schema: "modmail");

            migrationBuilder.DropTable(
                name: "thread_status",
                schema: "modmail");

            migrationBuilder.DropTable(
                name: "ticket_categories",
                schema: "modmail");

            migrationBuilder.DropTable(
                name: "webhook_deliveries",
                schema: "modmail");

            migrationBuilder.DropTable(
                name: "threads",
                schema: "modmail");

            migrationBuilder.DropTable(
                name: "support_desks",
                schema: "modmail");
        }
    }
}
