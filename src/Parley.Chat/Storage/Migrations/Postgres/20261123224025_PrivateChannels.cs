using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Chat.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PrivateChannels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "is_private",
                schema: "chat",
                table: "channels",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "is_private",
                schema: "chat",
                table: "channels");
        }
    }
}
