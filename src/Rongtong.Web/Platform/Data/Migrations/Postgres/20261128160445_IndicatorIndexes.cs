using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rongtong.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class IndicatorIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_EnterpriseYears_Year_EnterpriseId_SizeClass",
                table: "EnterpriseYears",
                columns: new[] { "Year", "EnterpriseId", "SizeClass" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_EnterpriseYears_Year_EnterpriseId_SizeClass",
                table: "EnterpriseYears");
        }
    }
}
