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

            // FTS5 index over the name grams, kept in step by triggers (also for bulk writes that bypass EF)
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "EnterpriseSearch" USING fts5("SearchGrams", content='Enterprises', content_rowid='Id', tokenize='unicode61');
                CREATE TRIGGER "Enterprises_search_ai" AFTER INSERT ON "Enterprises" BEGIN
                  INSERT INTO "EnterpriseSearch"(rowid, "SearchGrams") VALUES (new."Id", new."SearchGrams");
                END;
                CREATE TRIGGER "Enterprises_search_ad" AFTER DELETE ON "Enterprises" BEGIN
                  INSERT INTO "EnterpriseSearch"("EnterpriseSearch", rowid, "SearchGrams") VALUES ('delete', old."Id", old."SearchGrams");
                END;
                CREATE TRIGGER "Enterprises_search_au" AFTER UPDATE OF "SearchGrams" ON "Enterprises" BEGIN
                  INSERT INTO "EnterpriseSearch"("EnterpriseSearch", rowid, "SearchGrams") VALUES ('delete', old."Id", old."SearchGrams");
                  INSERT INTO "EnterpriseSearch"(rowid, "SearchGrams") VALUES (new."Id", new."SearchGrams");
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "Enterprises_search_ai"; DROP TRIGGER "Enterprises_search_ad"; DROP TRIGGER "Enterprises_search_au";
                DROP TABLE "EnterpriseSearch";
                """);
            migrationBuilder.DropColumn(
                name: "SearchGrams",
                table: "Enterprises");
        }
    }
}
