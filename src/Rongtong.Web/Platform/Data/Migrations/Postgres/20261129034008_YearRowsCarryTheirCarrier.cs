using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rongtong.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class YearRowsCarryTheirCarrier : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_EnterpriseYears_Year_EnterpriseId_SizeClass",
                table: "EnterpriseYears");

            migrationBuilder.AddColumn<int>(
                name: "CarrierId",
                table: "EnterpriseYears",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // every existing row takes its enterprise's carrier
            migrationBuilder.Sql("""UPDATE "EnterpriseYears" SET "CarrierId" = (SELECT e."CarrierId" FROM "Enterprises" AS e WHERE e."Id" = "EnterpriseYears"."EnterpriseId");""");

            migrationBuilder.CreateIndex(
                name: "IX_EnterpriseYears_CarrierId_Year_EnterpriseId_SizeClass",
                table: "EnterpriseYears",
                columns: new[] { "CarrierId", "Year", "EnterpriseId", "SizeClass" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_EnterpriseYears_CarrierId_Year_EnterpriseId_SizeClass",
                table: "EnterpriseYears");

            migrationBuilder.DropColumn(
                name: "CarrierId",
                table: "EnterpriseYears");

            migrationBuilder.CreateIndex(
                name: "IX_EnterpriseYears_Year_EnterpriseId_SizeClass",
                table: "EnterpriseYears",
                columns: new[] { "Year", "EnterpriseId", "SizeClass" });
        }
    }
}
