using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rongtong.Cli;
using Rongtong.Tests.Support;
using static Rongtong.Tests.Registry.Import.ImportFixture;

namespace Rongtong.Tests.Registry.Import;

/// <summary>The import through the API and the CLI, on a real database, once per provider.</summary>
public sealed class ImportApiAndCliTests
{
    private static MultipartFormDataContent Upload(string csv, string fileName = "enterprises.csv")
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    private static void AssertRowShape(JsonElement row)
    {
        Assert.Equal(JsonValueKind.Number, row.GetProperty("row").ValueKind);
        Assert.True(row.GetProperty("creditCode").ValueKind is JsonValueKind.String or JsonValueKind.Null);
        Assert.True(row.GetProperty("ok").ValueKind is JsonValueKind.True or JsonValueKind.False);
        var size = row.GetProperty("sizeClass");
        Assert.True(size.ValueKind == JsonValueKind.Null || size.GetString() is "large" or "medium" or "small" or "micro");
        foreach (var list in new[] { "errors", "warnings" })
        foreach (var e in row.GetProperty(list).EnumerateArray())
        {
            Assert.False(string.IsNullOrEmpty(e.GetProperty("column").GetString()));
            Assert.False(string.IsNullOrEmpty(e.GetProperty("rule").GetString()));
            Assert.False(string.IsNullOrEmpty(e.GetProperty("message").GetString()));
        }
    }

    [Theory, Providers]
    public async Task The_api_answers_422_with_every_rows_errors_and_writes_only_a_valid_file(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var op = await app.ClientAsAsync("hengyang-op");
        var bad = GoodCsv.Replace(",1500,2000,", ",x,2000,");

        var r = await op.PostAsync("/api/v1/enterprises/import", Upload(bad));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode);
        var body = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;
        Assert.False(body.GetProperty("ok").GetBoolean());
        var rows = body.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(4, rows.Count);
        rows.ForEach(AssertRowShape);
        var error = rows[0].GetProperty("errors").EnumerateArray().Single();
        Assert.Equal((2, "营业收入(万元)", "number"), (rows[0].GetProperty("row").GetInt32(), error.GetProperty("column").GetString(), error.GetProperty("rule").GetString()));

        r = await op.PostAsync("/api/v1/enterprises/import?dryRun=true", Upload(GoodCsv));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        body = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;
        Assert.True(body.GetProperty("ok").GetBoolean());
        Assert.Equal("small", body.GetProperty("rows")[0].GetProperty("sizeClass").GetString());
        await using (var db = app.Db.NewContext())
            Assert.False(await db.Enterprises.AnyAsync(e => e.CreditCode == A));

        r = await op.PostAsync("/api/v1/enterprises/import", Upload(GoodCsv));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        await using (var db = app.Db.NewContext())
            Assert.Equal("hengyang-op", (await db.EnterpriseYears.FirstAsync(y => y.Enterprise!.CreditCode == A)).FiledBy);

        var export = await op.GetAsync("/api/v1/enterprises/export?format=csv");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Contains(A, await export.Content.ReadAsStringAsync());
        var template = await op.GetByteArrayAsync("/api/v1/enterprises/import/template?format=xlsx");
        Assert.Equal("PK"u8.ToArray(), template[..2]);

        var authority = await app.ClientAsAsync("hunan-gxt");
        Assert.Equal(HttpStatusCode.Forbidden, (await authority.PostAsync("/api/v1/enterprises/import", Upload(GoodCsv))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await authority.GetAsync("/api/v1/enterprises/export")).StatusCode);
    }

    [Fact]
    public async Task The_page_offers_upload_template_and_export_to_the_operator_only()
    {
        await using var app = await TestApp.StartAsync();
        var op = await app.ClientAsAsync("hengyang-op");
        var page = await op.GetStringAsync("/Registry/Import");
        Assert.Contains("multipart/form-data", page);
        Assert.Contains("handler=Template", page);
        var template = await op.GetStringAsync("/Registry/Import?handler=Template&format=csv");
        Assert.StartsWith(Header + ",", template.TrimStart('\uFEFF'));
        Assert.Contains("示例", template);
        var authority = await app.ClientAsAsync("hunan-gxt");
        Assert.NotEqual(HttpStatusCode.OK, (await authority.GetAsync("/Registry/Import")).StatusCode);
    }

    [Theory, Providers]
    public async Task The_cli_prints_one_json_object_and_exits_0_when_ok_and_1_when_not(string provider)
    {
        await using var tdb = await TestDatabase.CreateAsync(provider);
        await CarrierAsync(tdb);
        var dir = Directory.CreateTempSubdirectory("rongtong-cli-");
        try
        {
            var good = Path.Combine(dir.FullName, "good.csv");
            var bad = Path.Combine(dir.FullName, "bad.csv");
            await File.WriteAllTextAsync(good, GoodCsv);
            await File.WriteAllTextAsync(bad, GoodCsv.Replace(",衡阳测试软件有限公司,6513,", ",衡阳测试软件有限公司,9999,"));

            async Task<(int Code, string Out, string Err)> Run(params string[] args)
            {
                var (o, e) = (new StringWriter(), new StringWriter());
                var code = await CliApp.RunAsync(args, o, e, tdb.Settings);
                return (code, o.ToString(), e.ToString());
            }

            var r = await Run("import", "enterprises", bad, "--carrier", "testzone", "--format", "json");
            Assert.Equal(1, r.Code);
            var json = JsonDocument.Parse(r.Out).RootElement;
            Assert.False(json.GetProperty("ok").GetBoolean());
            var rows = json.GetProperty("rows").EnumerateArray().ToList();
            rows.ForEach(AssertRowShape);
            var error = rows.Single(x => !x.GetProperty("ok").GetBoolean());
            Assert.Equal(4, error.GetProperty("row").GetInt32());
            Assert.Equal("行业代码", error.GetProperty("errors")[0].GetProperty("column").GetString());

            r = await Run("import", "enterprises", good, "--carrier", "testzone", "--format", "json", "--dry-run");
            Assert.Equal(0, r.Code);
            Assert.True(JsonDocument.Parse(r.Out).RootElement.GetProperty("dryRun").GetBoolean());
            await using (var db = tdb.NewContext())
                Assert.False(await db.Enterprises.AnyAsync());

            r = await Run("import", "enterprises", good, "--carrier", "testzone", "--format", "json");
            Assert.Equal(0, r.Code);
            json = JsonDocument.Parse(r.Out).RootElement;
            Assert.Equal(["small", "large", "small", null], json.GetProperty("rows").EnumerateArray().Select(x => x.GetProperty("sizeClass").GetString()));
            await using (var db = tdb.NewContext())
                Assert.StartsWith("cli:", (await db.AuditEntries.SingleAsync(a => a.Entity == "Import")).Actor);

            var export = Path.Combine(dir.FullName, "export.xlsx");
            r = await Run("export", "enterprises", "--carrier", "testzone", "--out", export);
            Assert.Equal((0, $"exported 4 rows to {export}"), (r.Code, r.Out.Trim()));
            r = await Run("import", "enterprises", export, "--carrier", "testzone");
            Assert.Equal(0, r.Code);
            Assert.Contains("enterprises 0 created, 0 updated, 3 unchanged", r.Out);

            Assert.Equal(2, (await Run("import", "enterprises", good, "--carrier", "nowhere")).Code);
            Assert.Equal(2, (await Run("import", "enterprises", good)).Code);

            // usage errors and failures: one JSON object with --format json, a line on stderr, no stack trace
            async Task AssertFails(int code, string kind, string says, params string[] args)
            {
                var f = await Run(args);
                Assert.Equal(code, f.Code);
                var error = JsonDocument.Parse(f.Out).RootElement.GetProperty("error");
                Assert.Equal(kind, error.GetProperty("kind").GetString());
                Assert.Contains(says, error.GetProperty("message").GetString());
                Assert.Contains(says, f.Err);
                Assert.DoesNotContain("   at ", f.Err);
            }
            await AssertFails(2, "usage", "unknown carrier 'nowhere'", "import", "enterprises", good, "--carrier", "nowhere", "--format", "json");
            // a typo must not turn a dry run into a write
            await AssertFails(2, "usage", "unknown option --dryrun", "import", "enterprises", good, "--carrier", "testzone", "--dryrun", "--format", "json");
            await AssertFails(2, "usage", "unexpected 'extra'", "import", "enterprises", good, "extra", "--carrier", "testzone", "--format", "json");
            await AssertFails(2, "usage", "is a folder", "import", "enterprises", dir.FullName, "--carrier", "testzone", "--format", "json");
            await using (var db = tdb.NewContext())
                Assert.Equal(3, await db.Enterprises.CountAsync());
            var missing = Path.Combine(dir.FullName, "no-such-folder", "x.csv");
            var e = await Run("export", "enterprises", "--carrier", "testzone", "--out", missing);
            Assert.Equal((2, $"folder not found: {Path.GetDirectoryName(missing)}"), (e.Code, e.Err.Trim()));
            // the export replaces a file whole: the old one stays until the new one is complete
            Assert.Equal(0, (await Run("export", "enterprises", "--carrier", "testzone", "--out", export)).Code);
            Assert.Empty(Directory.GetFiles(dir.FullName, "*.tmp"));
            // a database that was never migrated: a failure (exit 3) named in one line, and JSON on stdout only
            var (o, err) = (new StringWriter(), new StringWriter());
            var unmigrated = new Dictionary<string, string?> { ["Database:Provider"] = "Sqlite", ["ConnectionStrings:Rongtong"] = $"Data Source={Path.Combine(dir.FullName, "empty.db")}" };
            Assert.Equal(3, await CliApp.RunAsync(["import", "enterprises", good, "--carrier", "testzone", "--format", "json"], o, err, unmigrated));
            var failure = JsonDocument.Parse(o.ToString()).RootElement.GetProperty("error");
            Assert.Equal("failure", failure.GetProperty("kind").GetString());
            Assert.Contains("no such table", failure.GetProperty("message").GetString());
            Assert.DoesNotContain("   at ", err.ToString());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
