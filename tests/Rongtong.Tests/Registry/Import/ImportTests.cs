using System.Text;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Rongtong.Tests.Support;
using Rongtong.Web.Features.Registry;
using Rongtong.Web.Features.Registry.Enterprises;
using Rongtong.Web.Features.Registry.Import;
using Rongtong.Web.Features.Registry.Rules;
using static Rongtong.Tests.Registry.Import.ImportFixture;

namespace Rongtong.Tests.Registry.Import;

/// <summary>Slice tests of the import and export on a real database, once per provider.</summary>
public sealed class ImportTests
{
    [Theory, Providers]
    public async Task A_file_with_two_bad_rows_writes_nothing_and_reports_both_with_row_and_column(string provider)
    {
        await using var tdb = await TestDatabase.CreateAsync(provider);
        var carrier = await CarrierAsync(tdb);
        var badCode = A[..17] + (A[17] == '1' ? '2' : '1');
        var csv = Lines(Header.Replace("营业收入(万元)", "营业收入（万元）"),
            $"{A},衡阳测试钢管有限公司,3130,350,100,1500,2000,1600,120,60,20,5,2021",
            $"{B},衡阳测试软件有限公司,6513,15,12,abc,60,0,8.5,12.25,0,3,2022",
            $"{badCode},衡阳测试服务有限公司,7243,,,,,,,,,,");

        var r = await ImportAsync(tdb, carrier, "bad.csv", Utf8(csv));

        Assert.False(r.Ok);
        Assert.Null(r.Totals);
        Assert.Equal(2, r.ErrorCount);
        var revenue = Assert.Single(r.Rows.Single(x => x.Row == 3).Errors);
        Assert.Equal(("营业收入（万元）", "number"), (revenue.Field, revenue.Rule));
        var code = Assert.Single(r.Rows.Single(x => x.Row == 4).Errors);
        Assert.Equal(("统一社会信用代码", "checksum"), (code.Field, code.Rule));
        Assert.True(r.Rows.Single(x => x.Row == 2).Ok);
        await using var db = tdb.NewContext();
        Assert.False(await db.Enterprises.AnyAsync(e => e.CarrierId == carrier));
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Entity != nameof(Carrier)));
    }

    [Theory, Providers]
    public async Task A_rule_error_found_after_valid_new_enterprises_writes_nothing(string provider)
    {
        // on PostgreSQL the valid new enterprises before the bad row are already being copied when its error is found
        await using var tdb = await TestDatabase.CreateAsync(provider);
        var carrier = await CarrierAsync(tdb);
        var csv = Lines(Header,
            $"{A},衡阳测试钢管有限公司,3130,350,100,1500,2000,1600,120,60,20,5,2021",
            $"{B},衡阳测试软件有限公司,6513,15,12,80,60,0,8.5,12.25,0,3,2022",
            $"{C},衡阳测试服务有限公司,7243,5,9,80,60,0,8.5,12.25,0,3,2022");

        var r = await ImportAsync(tdb, carrier, "late-error.csv", Utf8(csv));

        Assert.Equal([(4, "大专及以上学历人数", "le-employees")], r.Rows.SelectMany(x => x.Errors.Select(e => (x.Row, e.Field, e.Rule))));
        await using (var db = tdb.NewContext())
        {
            Assert.False(await db.Enterprises.AnyAsync(e => e.CarrierId == carrier));
            Assert.False(await db.AuditEntries.AnyAsync(a => a.Entity != nameof(Carrier)));
        }
        // the connection is usable again, and the same enterprises can then be imported
        Assert.True((await ImportAsync(tdb, carrier, "good.csv", Utf8(GoodCsv))).Ok);
        await using (var db = tdb.NewContext())
            Assert.Equal(3, await db.Enterprises.CountAsync(e => e.CarrierId == carrier));
    }

    [Theory, Providers]
    public async Task A_cell_error_in_one_row_does_not_hide_rule_errors_in_others(string provider)
    {
        await using var tdb = await TestDatabase.CreateAsync(provider);
        var carrier = await CarrierAsync(tdb);
        var badCode = A[..17] + (A[17] == '1' ? '2' : '1');
        var csv = Lines(Header,
            $"{badCode},衡阳测试钢管有限公司,3130,350,100,1500,2000,1600,120,60,20,5,2021",
            $"{B},衡阳测试软件有限公司,6513,50,80,600,60,0,8.5,12.25,0,3,2022");

        var r = await ImportAsync(tdb, carrier, "two.csv", Utf8(csv));

        Assert.Equal("checksum", Assert.Single(r.Rows.Single(x => x.Row == 2).Errors).Rule);
        Assert.Equal("le-employees", Assert.Single(r.Rows.Single(x => x.Row == 3).Errors).Rule);
        await using var db = tdb.NewContext();
        Assert.False(await db.Enterprises.AnyAsync(e => e.CarrierId == carrier));
    }

    [Theory, Providers]
    public async Task A_good_file_is_written_with_size_classes_and_audited(string provider)
    {
        await using var tdb = await TestDatabase.CreateAsync(provider);
        var carrier = await CarrierAsync(tdb);

        var r = await ImportAsync(tdb, carrier, "good.csv", Utf8(GoodCsv));

        Assert.True(r.Ok, string.Join("; ", r.Issues.Select(i => $"{i.Row} {i.Column} {i.Rule}")));
        Assert.Equal(new ImportTotals(4, 3, 0, 0, 3, 0, 0), r.Totals);
        Assert.Equal(new SizeClass?[] { SizeClass.Small, SizeClass.Large, SizeClass.Small, null }, r.Rows.Select(x => x.SizeClass));
        await using var db = tdb.NewContext();
        var a = await db.Enterprises.Include(e => e.Years).SingleAsync(e => e.CreditCode == A);
        Assert.Equal((carrier, "衡阳测试钢管有限公司", "3130", 1), (a.CarrierId, a.Name, a.IndustryCode, a.Version));
        Assert.Equal((SizeClass.Large, 2022), (a.SizeClass, a.SizeYear));
        Assert.Equal(Enterprise.SearchKey(a.Name, a.CreditCode), a.SearchText);
        var y2022 = a.Years.Single(y => y.Year == 2022);
        Assert.Equal((1200, 50000m, 150m, "test-op", 1), (y2022.Employees, y2022.Revenue, y2022.LandArea, y2022.FiledBy, y2022.Version));
        Assert.Contains("大型", a.Years.Single(y => y.Year == 2022).SizeRule);
        var b = await db.Enterprises.Include(e => e.Years).SingleAsync(e => e.CreditCode == B);
        Assert.Equal((8.5m, 12.25m), (b.Years[0].ProfitTax, b.Years[0].RnD));
        var c = await db.Enterprises.SingleAsync(e => e.CreditCode == C);
        Assert.Equal((ChainRole.Supporting, true, (SizeClass?)null), (c.ChainRole, c.InZone, c.SizeClass));

        var audit = await db.AuditEntries.ToListAsync();
        // created enterprises are audited by the import's one summary row (who, which file, how many), written at
        // their creation instant so that each enterprise's history can show it; not by one row per enterprise
        Assert.DoesNotContain(audit, x => x.Entity is nameof(Enterprise) or nameof(EnterpriseYear));
        var summary = Assert.Single(audit, x => x.Entity == ImportEnterprises.AuditEntity);
        Assert.Equal(("Import", "imported", "good.csv", "test-op", (int?)carrier), (summary.Entity, summary.Action, summary.EntityLabel, summary.Actor, summary.CarrierId));
        Assert.Contains("enterprises created 3", summary.NewValue);
        Assert.Contains("years created 3", summary.NewValue);
        Assert.Equal(a.CreatedAt, summary.At);
    }

    [Theory, Providers]
    public async Task An_imported_enterprise_shows_the_import_in_its_history(string provider)
    {
        await using var tdb = await TestDatabase.CreateAsync(provider);
        var carrier = await CarrierAsync(tdb);
        Assert.True((await ImportAsync(tdb, carrier, "good.csv", Utf8(GoodCsv))).Ok);
        await using var db = tdb.NewContext();

        var view = await new EnterpriseDetails(db, Scopes.Operator(carrier)).HandleAsync(A);

        var entry = Assert.Single(view.History);
        Assert.Equal((ImportEnterprises.AuditEntity, "good.csv", "test-op"), (entry.Entity, entry.EntityLabel, entry.Actor));
    }

    [Theory, Providers]
    public async Task Importing_the_same_file_again_changes_nothing(string provider)
    {
        await using var tdb = await TestDatabase.CreateAsync(provider);
        var carrier = await CarrierAsync(tdb);
        Assert.True((await ImportAsync(tdb, carrier, "good.csv", Utf8(GoodCsv))).Ok);
        var before = await StateAsync(tdb);

        var again = await ImportAsync(tdb, carrier, "good.csv", Utf8(GoodCsv));

        Assert.Equal(new ImportTotals(4, 0, 0, 3, 0, 0, 3), again.Totals);
        var after = await StateAsync(tdb);
        Assert.Equal(before.Versions, after.Versions);
        Assert.Equal(before.Audit, after.Audit);
    }

    [Theory, Providers]
    public async Task A_changed_figure_updates_one_year_with_one_audit_row_per_changed_field(string provider)
    {
        await using var tdb = await TestDatabase.CreateAsync(provider);
        var carrier = await CarrierAsync(tdb);
        Assert.True((await ImportAsync(tdb, carrier, "good.csv", Utf8(GoodCsv))).Ok);
        // only the code, the year and one figure: empty or absent cells keep what is registered
        var csv = Lines("credit_code,year,revenue,address", $"{B},2022,90.5,", $"{C},,,衡阳市高新区创新路1号");

        var r = await ImportAsync(tdb, carrier, "fix.csv", Utf8(csv));

        Assert.Equal(new ImportTotals(2, 0, 1, 1, 0, 1, 0), r.Totals);
        await using var db = tdb.NewContext();
        var year = await db.EnterpriseYears.SingleAsync(y => y.Enterprise!.CreditCode == B);
        Assert.Equal((90.5m, 15, 2), (year.Revenue, year.Employees, year.Version));
        var audit = await db.AuditEntries.Where(x => x.Action == "updated").ToListAsync();
        // the size rule's text quotes the revenue, so it changes with it
        Assert.Equal(["Revenue"], audit.Where(x => x.Entity == "EnterpriseYear").Select(x => x.Field).Order());
        var revenue = audit.Single(x => x.Field == "Revenue");
        Assert.Equal(("80", "90.5", $"{B}/2022"), (revenue.OldValue, revenue.NewValue, revenue.EntityLabel));
        var address = Assert.Single(audit, x => x.Entity == "Enterprise");
        Assert.Equal(("Address", null, "衡阳市高新区创新路1号"), (address.Field, address.OldValue, address.NewValue));
        Assert.Equal(2, (await db.Enterprises.SingleAsync(e => e.CreditCode == C)).Version);
    }

    [Theory, Providers]
    public async Task An_export_re_imports_with_no_change_as_csv_and_as_xlsx(string provider)
    {
        await using var tdb = await TestDatabase.CreateAsync(provider);
        var carrier = await CarrierAsync(tdb);
        var master = Lines("统一社会信用代码,企业名称,行业代码,产业链角色,是否区内,孵化状态,入驻日期,毕业日期,地址",
            $"{A},衡阳测试钢管有限公司,C3130,龙头,是,,,,\"衡阳市, 高新区\"",
            $"{B},衡阳测试软件有限公司,6513,配套,否,毕业,2019-03-01,2021/6/30,\"=HYPERLINK(\"\"http://evil.example\"\",\"\"点击\"\")\"");
        Assert.True((await ImportAsync(tdb, carrier, "master.csv", Utf8(master))).Ok);
        Assert.True((await ImportAsync(tdb, carrier, "good.csv", Utf8(GoodCsv))).Ok);
        var spawned = Lines("统一社会信用代码,催生企业", $"{C},{A}");
        Assert.True((await ImportAsync(tdb, carrier, "spawned.csv", Utf8(spawned))).Ok);
        var before = await StateAsync(tdb);

        foreach (var format in new[] { SheetFormat.Csv, SheetFormat.Xlsx })
        {
            var file = new MemoryStream();
            await using (var db = tdb.NewContext())
                Assert.Equal(4, await new ExportEnterprises(db, TimeProvider.System).WriteAsync(carrier, format, file));
            if (format == SheetFormat.Csv)
            {
                // an address Excel would run as a formula is written as text (CSV injection), and imports back unchanged
                var csv = Encoding.UTF8.GetString(file.ToArray());
                Assert.Contains("\"'=HYPERLINK(", csv);
                Assert.DoesNotContain(",\"=", csv);
            }
            file.Position = 0;
            var r = await ImportAsync(tdb, carrier, "export" + SheetWriter.Extension(format), file);
            Assert.True(r.Ok, string.Join("; ", r.Issues.Select(i => $"{i.Row} {i.Column} {i.Rule} {i.MessageEn}")));
            Assert.Equal(new ImportTotals(4, 0, 0, 3, 0, 0, 3), r.Totals);
        }
        var after = await StateAsync(tdb);
        Assert.Equal(before.Versions, after.Versions);
        Assert.Equal(before.Audit, after.Audit);
        await using var check = tdb.NewContext();
        var b = await check.Enterprises.SingleAsync(e => e.CreditCode == B);
        Assert.Equal((IncubationStatus.Graduated, new DateOnly(2021, 6, 30), false), (b.Incubation, b.GraduatedOn, b.InZone));
        Assert.Equal("=HYPERLINK(\"http://evil.example\",\"点击\")", b.Address);
        var c = await check.Enterprises.SingleAsync(e => e.CreditCode == C);
        Assert.Equal((await check.Enterprises.SingleAsync(e => e.CreditCode == A)).Id, c.SpawnedById);
        // the import's bulk writes (COPY on PostgreSQL) give every yearly row its enterprise's carrier
        var years = await check.EnterpriseYears.AsNoTracking().ToListAsync();
        Assert.NotEmpty(years);
        Assert.All(years, y => Assert.Equal(carrier, y.CarrierId));
    }

    [Theory, Providers]
    public async Task An_xlsx_file_is_imported_and_its_errors_carry_the_row_numbers_excel_shows(string provider)
    {
        await using var tdb = await TestDatabase.CreateAsync(provider);
        var carrier = await CarrierAsync(tdb);
        Dictionary<string, object?> Row(string code, string name, object? employees, double revenue, int year) => new()
        {
            ["统一社会信用代码"] = code, ["企业名称"] = name, ["行业代码"] = "3311", ["从业人员"] = employees, ["营业收入（万元）"] = revenue,
            ["资产总额（万元）"] = 900d, ["年度"] = year, ["备注"] = "内部备注",
        };
        Dictionary<string, object?> Blank() => Row("", "", null, 0, 0).ToDictionary(kv => kv.Key, _ => (object?)null);

        var bad = new MemoryStream();
        bad.SaveAs(new[] { Row(A, "衡阳测试钢构有限公司", 50d, 1200.5, 2021), Blank(), Row(B, "衡阳测试钢构二厂", 12.5, 800, 2021) }, excelType: ExcelType.XLSX);
        bad.Position = 0;
        var r = await ImportAsync(tdb, carrier, "bad.xlsx", bad);
        var e = Assert.Single(r.Rows.SelectMany(x => x.Errors.Select(er => (x.Row, er.Field, er.Rule))));
        Assert.Equal((4, "从业人员", "integer"), e);
        Assert.Contains(r.Rows.Single(x => x.Row == 1).Warnings, w => w.Rule == "unknown-column" && w.Field == "备注");

        var good = new MemoryStream();
        good.SaveAs(new[] { Row(A, "衡阳测试钢构有限公司", 50d, 1200.5, 2021), Row(B, "衡阳测试钢构二厂", 12d, 800, 2021) }, excelType: ExcelType.XLSX);
        good.Position = 0;
        r = await ImportAsync(tdb, carrier, "good.xlsx", good);
        Assert.True(r.Ok);
        Assert.Equal(new SizeClass?[] { SizeClass.Small, SizeClass.Micro }, r.Rows.Where(x => x.Row > 1).Select(x => x.SizeClass));
        await using var db = tdb.NewContext();
        Assert.Equal(1200.5m, (await db.EnterpriseYears.SingleAsync(y => y.Enterprise!.CreditCode == A)).Revenue);
    }

    [Theory, Providers]
    public async Task Rows_of_one_enterprise_must_agree_and_a_year_may_appear_once(string provider)
    {
        await using var tdb = await TestDatabase.CreateAsync(provider);
        var carrier = await CarrierAsync(tdb);
        var csv = Lines(Header,
            $"{A},衡阳测试钢管有限公司,3130,350,100,1500,2000,1600,120,60,20,5,2021",
            $"{A},衡阳测试钢管股份公司,3130,360,100,1500,2000,1600,120,60,20,5,2022",
            $"{A},,,360,100,1500,2000,1600,120,60,20,5,2022",
            $"{B},衡阳测试软件有限公司,6513,5,9,80,60,0,8.5,12.25,0,3,2022");

        var r = await ImportAsync(tdb, carrier, "dup.csv", Utf8(csv));

        var errors = r.Rows.SelectMany(x => x.Errors.Select(e => (x.Row, e.Field, e.Rule))).ToList();
        Assert.Equal(new[] { (3, "企业名称", "conflict"), (4, "年度", "duplicate"), (5, "大专及以上学历人数", "le-employees") }, errors);
    }

    [Theory, Providers]
    public async Task Missing_columns_and_codes_of_other_carriers_are_refused(string provider)
    {
        await using var tdb = await TestDatabase.CreateAsync(provider);
        var other = await CarrierAsync(tdb, "otherzone");
        var carrier = await CarrierAsync(tdb);
        Assert.True((await ImportAsync(tdb, other, "good.csv", Utf8(GoodCsv))).Ok);

        var r = await ImportAsync(tdb, carrier, "no-name.csv", Utf8(Lines("统一社会信用代码,行业代码", $"{A},3130", $"{DemoCodeNew},3130")));
        var header = Assert.Single(r.Rows, x => x.Row == 1);
        Assert.Equal(("企业名称", "missing-column"), (header.Errors.Single().Field, header.Errors.Single().Rule));

        r = await ImportAsync(tdb, carrier, "taken.csv", Utf8(Lines("统一社会信用代码,企业名称,行业代码", $"{A},衡阳测试钢管有限公司,3130")));
        Assert.Equal(("统一社会信用代码", "unique"), r.Rows.Single(x => x.Row == 2).Errors.Select(e => (e.Field, e.Rule)).Single());
        // more new codes than the other carriers have enterprises: their codes are read in one pass instead of looked up
        r = await ImportAsync(tdb, carrier, "taken-among-many.csv", Utf8(Lines(["统一社会信用代码,企业名称,行业代码",
            .. Enumerable.Range(7010, 4).Select(i => $"{Rongtong.Web.Features.Registry.Demo.DemoSeed.DemoCode(i)},衡阳测试新材料{i}有限公司,3130"),
            $"{A},衡阳测试钢管有限公司,3130"])));
        Assert.Equal([(6, "统一社会信用代码", "unique")], r.Rows.SelectMany(x => x.Errors.Select(e => (x.Row, e.Field, e.Rule))));

        // a column given twice (here under its English alias) is named by both positions
        r = await ImportAsync(tdb, carrier, "twice.csv", Utf8(Lines("统一社会信用代码,企业名称,行业代码,name", $"{DemoCodeNew},衡阳测试钢管有限公司,3130,x")));
        var twice = Assert.Single(Assert.Single(r.Rows, x => x.Row == 1).Errors);
        Assert.Equal(("duplicate-column", "第 D 列“name”与第 B 列“企业名称”是同一列，只能保留一列"), (twice.Rule, twice.MessageZh));

        r = await ImportAsync(tdb, carrier, "notes.txt", Utf8("x"));
        Assert.Equal((0, "file-type"), (r.Rows.Single().Row, r.Rows.Single().Errors.Single().Rule));
        r = await ImportAsync(tdb, carrier, "fake.xlsx", Utf8(GoodCsv));
        Assert.Equal("file-content", r.Rows.Single().Errors.Single().Rule);
    }

    private static readonly string DemoCodeNew = Rongtong.Web.Features.Registry.Demo.DemoSeed.DemoCode(7004);
}
