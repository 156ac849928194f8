using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rongtong.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SearchGrams : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SearchGrams",
                table: "Enterprises",
                type: "TEXT",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            // FTS5 index over the name grams (rowid = Enterprises.Id), maintained by SearchIndex (no triggers: they
            // make bulk writes twenty times slower)
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "EnterpriseSearch" USING fts5("SearchGrams", tokenize='unicode61');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TABLE "EnterpriseSearch";""");
            migrationBuilder.DropColumn(
                name: "SearchGrams",
                table: "Enterprises");
        }
    }
}
