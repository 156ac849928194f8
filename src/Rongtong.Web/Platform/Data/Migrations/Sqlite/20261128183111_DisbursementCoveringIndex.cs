using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rongtong.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DisbursementCoveringIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Disbursements_AllocationId_PaidOn",
                table: "Disbursements");

            migrationBuilder.CreateIndex(
                name: "IX_Disbursements_AllocationId_PaidOn_AmountFen",
                table: "Disbursements",
                columns: new[] { "AllocationId", "PaidOn", "AmountFen" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Disbursements_AllocationId_PaidOn_AmountFen",
                table: "Disbursements");

            migrationBuilder.CreateIndex(
                name: "IX_Disbursements_AllocationId_PaidOn",
                table: "Disbursements",
                columns: new[] { "AllocationId", "PaidOn" });
        }
    }
}
