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
                name: "communities",
                schema: "chat",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    description = table.Column<string>(type: "text", nullable: true),
                    icon_url = table.Column<string>(type: "text", nullable: true),
                    banner_url = table.Column<string>(type: "text", nullable: true),
                    accent_color = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: true),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    discoverable = table.Column<bool>(type: "boolean", nullable: false),
                    community_theme = table.Column<string>(type: "text", nullable: true),
                    welcome_message = table.Column<string>(type: "text", nullable: true),
                    who_can_create_groups = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, defaultValue: "admin"),
                    who_can_create_invites = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, defaultValue: "admin"),
                    warn_escalation = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_communities", x => x.id);
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
                name: "user_blocks",
                schema: "chat",
                columns: table => new
                {
                    blocker_id = table.Column<Guid>(type: "uuid", nullable: false),
                    blocked_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_user_blocks", x => new { x.blocker_id, x.blocked_id });
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
                name: "community_bans",
                schema: "chat",
                columns: table => new
                {
                    community_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    banned_by = table.Column<Guid>(type: "uuid", nullable: false),
                    reason = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_community_bans", x => new { x.community_id, x.user_id });
                    table.ForeignKey(
                        name: "FK_community_bans_communities_community_id",
                        column: x => x.community_id,
                        principalSchema: "chat",
                        principalTable: "communities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "community_invites",
                schema: "chat",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    community_id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: false),
                    max_uses = table.Column<int>(type: "integer", nullable: true),
                    used_count = table.Column<int>(type: "integer", nullable: false),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_community_invites", x => x.id);
                    table.ForeignKey(
                        name: "FK_community_invites_communities_community_id",
                        column: x => x.community_id,
                        principalSchema: "chat",
                        principalTable: "communities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "community_members",
                schema: "chat",
                columns: table => new
                {
                    community_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, defaultValue: "member"),
                    nickname = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    joined_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_community_members", x => new { x.community_id, x.user_id });
                    table.ForeignKey(
                        name: "FK_community_members_communities_community_id",
                        column: x => x.community_id,
                        principalSchema: "chat",
                        principalTable: "communities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "custom_emojis",
                schema: "chat",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    community_id = table.Column<Guid>(type: "uuid", nullable: false),
                    uploaded_by = table.Column<Guid>(type: "uuid", nullable: false),
                    shortcode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    file_path = table.Column<string>(type: "text", nullable: false),
                    content_type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_custom_emojis", x => x.id);
                    table.ForeignKey(
                        name: "FK_custom_emojis_communities_community_id",
                        column: x => x.community_id,
                        principalSchema: "chat",
                        principalTable: "communities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "groups",
                schema: "chat",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    description = table.Column<string>(type: "text", nullable: true),
                    community_id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_groups", x => x.id);
                    table.ForeignKey(
                        name: "FK_groups_communities_community_id",
                        column: x => x.community_id,
                        principalSchema: "chat",
                        principalTable: "communities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "channels",
                schema: "chat",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    channel_type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    group_id = table.Column<Guid>(type: "uuid", nullable: true),
                    topic = table.Column<string>(type: "text", nullable: true),
                    read_only = table.Column<bool>(type: "boolean", nullable: false),
                    slow_mode_seconds = table.Column<int>(type: "integer", nullable: false),
                    archived = table.Column<bool>(type: "boolean", nullable: false),
                    message_ttl_seconds = table.Column<int>(type: "integer", nullable: true),
                    voice_background = table.Column<string>(type: "text", nullable: true),
                    created_by = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_channels", x => x.id);
                    table.CheckConstraint("ck_channels_channel_type", "channel_type IN ('text', 'voice', 'dm')");
                    table.CheckConstraint("ck_channels_slow_mode_seconds", "slow_mode_seconds BETWEEN 0 AND 86400");
                    table.ForeignKey(
                        name: "FK_channels_groups_group_id",
                        column: x => x.group_id,
                        principalSchema: "chat",
                        principalTable: "groups",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "group_members",
                schema: "chat",
                columns: table => new
                {
                    group_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, defaultValue: "member"),
                    joined_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_group_members", x => new { x.group_id, x.user_id });
                    table.ForeignKey(
                        name: "FK_group_members_groups_group_id",
                        column: x => x.group_id,
                        principalSchema: "chat",
                        principalTable: "groups",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "channel_bans",
                schema: "chat",
                columns: table => new
                {
                    channel_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    banned_by = table.Column<Guid>(type: "uuid", nullable: false),
                    reason = table.Column<string>(type: "text", nullable: true),
                    banned_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_channel_bans", x => new { x.channel_id, x.user_id });
                    table.ForeignKey(
                        name: "FK_channel_bans_channels_channel_id",
                        column: x => x.channel_id,
                        principalSchema: "chat",
                        principalTable: "channels",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "channel_members",
                schema: "chat",
                columns: table => new
                {
                    channel_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, defaultValue: "member"),
                    joined_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_channel_members", x => new { x.channel_id, x.user_id });
                    table.ForeignKey(
                        name: "FK_channel_members_channels_channel_id",
                        column: x => x.channel_id,
                        principalSchema: "chat",
                        principalTable: "channels",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "channel_slowmode_tracker",
                schema: "chat",
                columns: table => new
                {
                    channel_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    last_sent = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_channel_slowmode_tracker", x => new { x.channel_id, x.user_id });
                    table.ForeignKey(
                        name: "FK_channel_slowmode_tracker_channels_channel_id",
                        column: x => x.channel_id,
                        principalSchema: "chat",
                        principalTable: "channels",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "dm_pairs",
                schema: "chat",
                columns: table => new
                {
                    user_a = table.Column<Guid>(type: "uuid", nullable: false),
                    user_b = table.Column<Guid>(type: "uuid", nullable: false),
                    channel_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dm_pairs", x => new { x.user_a, x.user_b });
                    table.CheckConstraint("ck_dm_pairs_user_a_lower", "user_a < user_b");
                    table.ForeignKey(
                        name: "FK_dm_pairs_channels_channel_id",
                        column: x => x.channel_id,
                        principalSchema: "chat",
                        principalTable: "channels",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "webhooks",
                schema: "chat",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    channel_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    token = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: false),
                    avatar_url = table.Column<string>(type: "text", nullable: true),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_webhooks", x => x.id);
                    table.ForeignKey(
                        name: "FK_webhooks_channels_channel_id",
                        column: x => x.channel_id,
                        principalSchema: "chat",
                        principalTable: "channels",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_channel_bans_user_id",
                schema: "chat",
                table: "channel_bans",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "IX_channel_members_user_id",
                schema: "chat",
                table: "channel_members",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "IX_channels_created_by",
                schema: "chat",
                table: "channels",
                column: "created_by");

            migrationBuilder.CreateIndex(
                name: "IX_channels_group_id",
                schema: "chat",
                table: "channels",
                column: "group_id");

            migrationBuilder.CreateIndex(
                name: "IX_communities_owner_id",
                schema: "chat",
                table: "communities",
                column: "owner_id");

            migrationBuilder.CreateIndex(
                name: "IX_community_bans_user_id",
                schema: "chat",
                table: "community_bans",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "IX_community_invites_code",
                schema: "chat",
                table: "community_invites",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_community_invites_community_id",
                schema: "chat",
                table: "community_invites",
                column: "community_id");

            migrationBuilder.CreateIndex(
                name: "IX_community_invites_created_by",
                schema: "chat",
                table: "community_invites",
                column: "created_by");

            migrationBuilder.CreateIndex(
                name: "IX_community_members_user_id",
                schema: "chat",
                table: "community_members",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "IX_custom_emojis_community_id_shortcode",
                schema: "chat",
                table: "custom_emojis",
                columns: new[] { "community_id", "shortcode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_custom_emojis_uploaded_by",
                schema: "chat",
                table: "custom_emojis",
                column: "uploaded_by");

            migrationBuilder.CreateIndex(
                name: "IX_dm_pairs_channel_id",
                schema: "chat",
                table: "dm_pairs",
                column: "channel_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_dm_pairs_user_b",
                schema: "chat",
                table: "dm_pairs",
                column: "user_b");

            migrationBuilder.CreateIndex(
                name: "IX_group_members_user_id",
                schema: "chat",
                table: "group_members",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "IX_groups_community_id",
                schema: "chat",
                table: "groups",
                column: "community_id");

            migrationBuilder.CreateIndex(
                name: "IX_groups_owner_id",
                schema: "chat",
                table: "groups",
                column: "owner_id");

            migrationBuilder.CreateIndex(
                name: "IX_jobs_state_due_at",
                schema: "chat",
                table: "jobs",
                columns: new[] { "state", "due_at" });

            migrationBuilder.CreateIndex(
                name: "IX_user_blocks_blocked_id",
                schema: "chat",
                table: "user_blocks",
                column: "blocked_id");

            migrationBuilder.CreateIndex(
                name: "IX_webhook_deliveries_endpoint_id_created_at",
                schema: "chat",
                table: "webhook_deliveries",
                columns: new[] { "endpoint_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_webhooks_channel_id",
                schema: "chat",
                table: "webhooks",
                column: "channel_id");

            migrationBuilder.CreateIndex(
                name: "IX_webhooks_token",
                schema: "chat",
                table: "webhooks",
                column: "token",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "channel_bans",
                schema: "chat");

            migrationBuilder.DropTable(
                name: "channel_members",
                schema: "chat");

            migrationBuilder.DropTable(
                name: "channel_slowmode_tracker",
                schema: "chat");

            migrationBuilder.DropTable(
                name: "community_bans",
                schema: "chat");

            migrationBuilder.DropTable(
                name: "community_invites",
                schema: "chat");

            migrationBuilder.DropTable(
                name: "community_members",
                schema: "chat");

            migrationBuilder.DropTable(
                name: "custom_emojis",
                schema: "chat");

            migrationBuilder.DropTable(
                name: "dm_pairs",
                schema: "chat");

            migrationBuilder.DropTable(
                name: "group_members",
                schema: "chat");

            migrationBuilder.DropTable(
                name: "jobs",
                schema: "chat");

            migrationBuilder.DropTable(
                name: "user_blocks",
                schema: "chat");

            migrationBuilder.DropTable(
                name: "webhook_deliveries",
                schema: "chat");

            migrationBuilder.DropTable(
                name: "webhooks",
                schema: "chat");

            migrationBuilder.DropTable(
                name: "channels",
                schema: "chat");

            migrationBuilder.DropTable(
                name: "groups",
                schema: "chat");

            migrationBuilder.DropTable(
                name: "communities",
                schema: "chat");
        }
    }
}
