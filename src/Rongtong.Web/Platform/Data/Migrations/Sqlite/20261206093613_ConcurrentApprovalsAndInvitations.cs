using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rongtong.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ConcurrentApprovalsAndInvitations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // pending invitations of one name made at the same moment before this index: keep the newest
            migrationBuilder.Sql("""
                DELETE FROM "Invitations" WHERE "AcceptedAt" IS NULL
                  AND "Id" NOT IN (SELECT MAX("Id") FROM "Invitations" WHERE "AcceptedAt" IS NULL GROUP BY "UserName");
                """);
            migrationBuilder.CreateIndex(
                name: "IX_Invitations_UserName",
                table: "Invitations",
                column: "UserName",
                unique: true,
                filter: "\"AcceptedAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Invitations_UserName",
                table: "Invitations");
        }
    }
}
