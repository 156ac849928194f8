using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rongtong.Web.Platform.Data.Migrations.Postgres
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
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            // GIN index over the name grams (queried as string_to_array("SearchGrams", ' ') @> ARRAY[...])
            migrationBuilder.Sql("""CREATE INDEX "IX_Enterprises_SearchGrams" ON "Enterprises" USING gin (string_to_array("SearchGrams", ' '));""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX "IX_Enterprises_SearchGrams";""");
            migrationBuilder.DropColumn(
                name: "SearchGrams",
                table: "Enterprises");
        }
    }
}
