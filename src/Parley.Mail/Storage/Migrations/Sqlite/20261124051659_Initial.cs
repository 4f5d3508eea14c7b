using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Mail.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "auth_keys",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organization_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    public_key_pem = table.Column<string>(type: "TEXT", nullable: false),
                    algorithm = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    revoked_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_auth_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "domains",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    ses_identity_arn = table.Column<string>(type: "TEXT", nullable: true),
                    dkim_tokens = table.Column<string>(type: "TEXT", nullable: false),
                    from_name = table.Column<string>(type: "TEXT", nullable: true),
                    reply_to_address = table.Column<string>(type: "TEXT", nullable: true),
                    bounce_address = table.Column<string>(type: "TEXT", nullable: true),
                    mx_verified = table.Column<bool>(type: "INTEGER", nullable: false),
                    spf_verified = table.Column<bool>(type: "INTEGER", nullable: false),
                    dkim_verified = table.Column<bool>(type: "INTEGER", nullable: false),
                    dmarc_verified = table.Column<bool>(type: "INTEGER", nullable: false),
                    dkim_selector = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    dkim_private_key_ciphertext = table.Column<byte[]>(type: "BLOB", nullable: true),
                    dkim_public_key = table.Column<string>(type: "TEXT", nullable: true),
                    verified_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    deleted_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_domains", x => x.id);
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
                name: "suppressed_addresses",
                columns: table => new
                {
                    address = table.Column<string>(type: "TEXT", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    source_message_id = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_suppressed_addresses", x => x.address);
                });

            migrationBuilder.CreateTable(
                name: "threads",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    subject = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    deleted_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    merged_into = table.Column<Guid>(type: "TEXT", nullable: true),
                    state = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false, defaultValue: "open")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_threads", x => x.id);
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
                name: "webhook_endpoints",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    url = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    secret = table.Column<byte[]>(type: "BLOB", nullable: false),
                    events = table.Column<string>(type: "TEXT", nullable: false),
                    inbox_ids = table.Column<string>(type: "TEXT", nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    failure_count = table.Column<int>(type: "INTEGER", nullable: false),
                    last_success_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_failure_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_webhook_endpoints", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inboxes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    domain_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    local_part = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    is_catchall = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    deleted_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inboxes", x => x.id);
                    table.ForeignKey(
                        name: "FK_inboxes_domains_domain_id",
                        column: x => x.domain_id,
                        principalTable: "domains",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "messages",
                columns: table => new
                {
                    message_id = table.Column<string>(type: "TEXT", maxLength: 998, nullable: false),
                    thread_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    inbox_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    direction = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    from_address = table.Column<string>(type: "TEXT", nullable: false),
                    from_name = table.Column<string>(type: "TEXT", nullable: true),
                    subject = table.Column<string>(type: "TEXT", nullable: false),
                    sent_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    in_reply_to = table.Column<string>(type: "TEXT", nullable: true),
                    body_text = table.Column<string>(type: "TEXT", nullable: true),
                    body_html = table.Column<string>(type: "TEXT", nullable: true),
                    raw_storage_key = table.Column<string>(type: "TEXT", nullable: false),
                    ses_message_id = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    raw_size_bytes = table.Column<long>(type: "INTEGER", nullable: false),
                    metadata = table.Column<string>(type: "TEXT", nullable: false),
                    idempotency_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_messages", x => x.message_id);
                    table.ForeignKey(
                        name: "FK_messages_inboxes_inbox_id",
                        column: x => x.inbox_id,
                        principalTable: "inboxes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_messages_threads_thread_id",
                        column: x => x.thread_id,
                        principalTable: "threads",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "attachments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    message_id = table.Column<string>(type: "TEXT", nullable: false),
                    filename = table.Column<string>(type: "TEXT", nullable: false),
                    content_type = table.Column<string>(type: "TEXT", nullable: false),
                    size_bytes = table.Column<long>(type: "INTEGER", nullable: false),
                    storage_key = table.Column<string>(type: "TEXT", nullable: false),
                    content_id = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_attachments", x => x.id);
                    table.ForeignKey(
                        name: "FK_attachments_messages_message_id",
                        column: x => x.message_id,
                        principalTable: "messages",
                        principalColumn: "message_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "delivery_events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    message_id = table.Column<string>(type: "TEXT", nullable: false),
                    ses_message_id = table.Column<string>(type: "TEXT", nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    details = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_delivery_events", x => x.id);
                    table.ForeignKey(
                        name: "FK_delivery_events_messages_message_id",
                        column: x => x.message_id,
                        principalTable: "messages",
                        principalColumn: "message_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "message_inboxes",
                columns: table => new
                {
                    message_id = table.Column<string>(type: "TEXT", nullable: false),
                    inbox_id = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_message_inboxes", x => new { x.message_id, x.inbox_id });
                    table.ForeignKey(
                        name: "FK_message_inboxes_inboxes_inbox_id",
                        column: x => x.inbox_id,
                        principalTable: "inboxes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_message_inboxes_messages_message_id",
                        column: x => x.message_id,
                        principalTable: "messages",
                        principalColumn: "message_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "message_labels",
                columns: table => new
                {
                    message_id = table.Column<string>(type: "TEXT", nullable: false),
                    label = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_message_labels", x => new { x.message_id, x.label });
                    table.ForeignKey(
                        name: "FK_message_labels_messages_message_id",
                        column: x => x.message_id,
                        principalTable: "messages",
                        principalColumn: "message_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "message_recipients",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    message_id = table.Column<string>(type: "TEXT", nullable: false),
                    recipient_type = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    address = table.Column<string>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_message_recipients", x => x.id);
                    table.ForeignKey(
                        name: "FK_message_recipients_messages_message_id",
                        column: x => x.message_id,
                        principalTable: "messages",
                        principalColumn: "message_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "message_references",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    message_id = table.Column<string>(type: "TEXT", nullable: false),
                    referenced_id = table.Column<string>(type: "TEXT", nullable: false),
                    position = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_message_references", x => x.id);
                    table.ForeignKey(
                        name: "FK_message_references_messages_message_id",
                        column: x => x.message_id,
                        principalTable: "messages",
                        principalColumn: "message_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_attachments_message_id",
                table: "attachments",
                column: "message_id");

            migrationBuilder.CreateIndex(
                name: "IX_auth_keys_organization_id_algorithm",
                table: "auth_keys",
                columns: new[] { "organization_id", "algorithm" });

            migrationBuilder.CreateIndex(
                name: "IX_delivery_events_message_id",
                table: "delivery_events",
                column: "message_id");

            migrationBuilder.CreateIndex(
                name: "IX_delivery_events_ses_message_id",
                table: "delivery_events",
                column: "ses_message_id");

            migrationBuilder.CreateIndex(
                name: "IX_domains_name",
                table: "domains",
                column: "name");

            migrationBuilder.CreateIndex(
                name: "IX_inboxes_domain_id_local_part",
                table: "inboxes",
                columns: new[] { "domain_id", "local_part" });

            migrationBuilder.CreateIndex(
                name: "IX_jobs_state_due_at",
                table: "jobs",
                columns: new[] { "state", "due_at" });

            migrationBuilder.CreateIndex(
                name: "IX_message_inboxes_inbox_id",
                table: "message_inboxes",
                column: "inbox_id");

            migrationBuilder.CreateIndex(
                name: "IX_message_labels_label",
                table: "message_labels",
                column: "label");

            migrationBuilder.CreateIndex(
                name: "IX_message_recipients_address",
                table: "message_recipients",
                column: "address");

            migrationBuilder.CreateIndex(
                name: "IX_message_recipients_message_id",
                table: "message_recipients",
                column: "message_id");

            migrationBuilder.CreateIndex(
                name: "IX_message_references_message_id",
                table: "message_references",
                column: "message_id");

            migrationBuilder.CreateIndex(
                name: "IX_message_references_referenced_id",
                table: "message_references",
                column: "referenced_id");

            migrationBuilder.CreateIndex(
                name: "IX_messages_in_reply_to",
                table: "messages",
                column: "in_reply_to");

            migrationBuilder.CreateIndex(
                name: "IX_messages_inbox_id",
                table: "messages",
                column: "inbox_id");

            migrationBuilder.CreateIndex(
                name: "IX_messages_inbox_id_idempotency_key",
                table: "messages",
                columns: new[] { "inbox_id", "idempotency_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_messages_ses_message_id",
                table: "messages",
                column: "ses_message_id");

            migrationBuilder.CreateIndex(
                name: "IX_messages_thread_id",
                table: "messages",
                column: "thread_id");

            migrationBuilder.CreateIndex(
                name: "IX_threads_subject_updated_at",
                table: "threads",
                columns: new[] { "subject", "updated_at" });

            migrationBuilder.CreateIndex(
                name: "IX_webhook_deliveries_endpoint_id_created_at",
                table: "webhook_deliveries",
                columns: new[] { "endpoint_id", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "attachments");

            migrationBuilder.DropTable(
                name: "auth_keys");

            migrationBuilder.DropTable(
                name: "delivery_events");

            migrationBuilder.DropTable(
                name: "jobs");

            migrationBuilder.DropTable(
                name: "message_inboxes");

            migrationBuilder.DropTable(
                name: "message_labels");

            migrationBuilder.DropTable(
                name: "message_recipients");

            migrationBuilder.DropTable(
                name: "message_references");

            migrationBuilder.DropTable(
                name: "suppressed_addresses");

            migrationBuilder.DropTable(
                name: "webhook_deliveries");

            migrationBuilder.DropTable(
                name: "webhook_endpoints");

            migrationBuilder.DropTable(
                name: "messages");

            migrationBuilder.DropTable(
                name: "inboxes");

            migrationBuilder.DropTable(
                name: "threads");

            migrationBuilder.DropTable(
                name: "domains");
        }
    }
}
