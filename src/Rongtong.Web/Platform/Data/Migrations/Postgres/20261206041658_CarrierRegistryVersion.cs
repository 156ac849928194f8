using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rongtong.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CarrierRegistryVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "RegistryVersion",
                table: "Carriers",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RegistryVersion",
                table: "Carriers");
        }
    }
}
