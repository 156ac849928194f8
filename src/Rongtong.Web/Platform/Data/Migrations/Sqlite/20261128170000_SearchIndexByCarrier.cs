using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rongtong.Web.Platform.Data.Migrations.Sqlite
{
    /// <summary>
    /// Rebuilds the FTS5 search index (docs/adr/0007-enterprise-search.md) so that each gram carries its carrier
    /// ("c12x钢管", SearchIndex.Token) — a search of one carrier reads only its posting lists and counts its matches from
    /// the index alone — and keeps no positions
    /// (detail=none, columnsize=0: queries are ANDs of single grams), which halves the cost of indexing an import.
    /// Only the FTS table changes, not the EF model, hence no target model.
    /// </summary>
    [DbContext(typeof(SqliteRongtongDb))]
    [Migration("20261128170000_SearchIndexByCarrier")]
    public partial class SearchIndexByCarrier : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TABLE "EnterpriseSearch";
                CREATE VIRTUAL TABLE "EnterpriseSearch" USING fts5("SearchGrams", tokenize='unicode61', detail=none, columnsize=0);
                INSERT INTO "EnterpriseSearch"(rowid, "SearchGrams") SELECT "Id", 'c' || "CarrierId" || 'x' || replace("SearchGrams", ' ', ' c' || "CarrierId" || 'x') FROM "Enterprises";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TABLE "EnterpriseSearch";
                CREATE VIRTUAL TABLE "EnterpriseSearch" USING fts5("SearchGrams", tokenize='unicode61');
                INSERT INTO "EnterpriseSearch"(rowid, "SearchGrams") SELECT "Id", "SearchGrams" FROM "Enterprises";
                """);
        }
    }
}
