using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Rongtong.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SubProjectDetails : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "EndOn",
                table: "SubProjects",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "StartOn",
                table: "SubProjects",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "SubProjects",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "StatedPercent",
                table: "ProgressUpdates",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MilestoneId",
                table: "Allocations",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Attachments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProgressUpdateId = table.Column<int>(type: "integer", nullable: true),
                    DisbursementId = table.Column<int>(type: "integer", nullable: true),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    StoreKey = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Caption = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    UploadedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    UploadedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Attachments", x => x.Id);
                    table.CheckConstraint("CK_Attachments_Owner", "(\"ProgressUpdateId\" IS NULL) <> (\"DisbursementId\" IS NULL)");
                    table.ForeignKey(
                        name: "FK_Attachments_Disbursements_DisbursementId",
                        column: x => x.DisbursementId,
                        principalTable: "Disbursements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Attachments_ProgressUpdates_ProgressUpdateId",
                        column: x => x.ProgressUpdateId,
                        principalTable: "ProgressUpdates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "BudgetLines",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SubProjectId = table.Column<int>(type: "integer", nullable: false),
                    Category = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Item = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AmountFen = table.Column<long>(type: "bigint", nullable: false),
                    SpecialFundFen = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BudgetLines", x => x.Id);
                    table.CheckConstraint("CK_BudgetLines_Money", "\"AmountFen\" > 0 AND \"SpecialFundFen\" >= 0 AND \"SpecialFundFen\" <= \"AmountFen\"");
                    table.ForeignKey(
                        name: "FK_BudgetLines_SubProjects_SubProjectId",
                        column: x => x.SubProjectId,
                        principalTable: "SubProjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Milestones",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SubProjectId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    DoneOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ReportedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ApprovedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ApprovedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Milestones", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Milestones_SubProjects_SubProjectId",
                        column: x => x.SubProjectId,
                        principalTable: "SubProjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.AddCheckConstraint(
                name: "CK_SubProjects_Money",
                table: "SubProjects",
                sql: "\"TotalInvestmentFen\" >= 0 AND \"SpecialFundFen\" >= 0");

            migrationBuilder.CreateIndex(
                name: "IX_Allocations_MilestoneId",
                table: "Allocations",
                column: "MilestoneId");

            migrationBuilder.CreateIndex(
                name: "IX_Attachments_DisbursementId",
                table: "Attachments",
                column: "DisbursementId");

            migrationBuilder.CreateIndex(
                name: "IX_Attachments_ProgressUpdateId",
                table: "Attachments",
                column: "ProgressUpdateId");

            migrationBuilder.CreateIndex(
                name: "IX_BudgetLines_SubProjectId",
                table: "BudgetLines",
                column: "SubProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_Milestones_SubProjectId_DueOn",
                table: "Milestones",
                columns: new[] { "SubProjectId", "DueOn" });

            migrationBuilder.AddForeignKey(
                name: "FK_Allocations_Milestones_MilestoneId",
                table: "Allocations",
                column: "MilestoneId",
                principalTable: "Milestones",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Allocations_Milestones_MilestoneId",
                table: "Allocations");

            migrationBuilder.DropTable(
                name: "Attachments");

            migrationBuilder.DropTable(
                name: "BudgetLines");

            migrationBuilder.DropTable(
                name: "Milestones");

            migrationBuilder.DropCheckConstraint(
                name: "CK_SubProjects_Money",
                table: "SubProjects");

            migrationBuilder.DropIndex(
                name: "IX_Allocations_MilestoneId",
                table: "Allocations");

            migrationBuilder.DropColumn(
                name: "EndOn",
                table: "SubProjects");

            migrationBuilder.DropColumn(
                name: "StartOn",
                table: "SubProjects");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "SubProjects");

            migrationBuilder.DropColumn(
                name: "StatedPercent",
                table: "ProgressUpdates");

            migrationBuilder.DropColumn(
                name: "MilestoneId",
                table: "Allocations");
        }
    }
}
