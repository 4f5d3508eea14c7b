using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Chat.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PrivateChannels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "is_private",
                table: "channels",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "is_private",
                table: "channels");
        }
    }
}
