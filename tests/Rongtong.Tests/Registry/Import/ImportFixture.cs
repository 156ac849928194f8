using System.Text;
using Microsoft.EntityFrameworkCore;
using Rongtong.Tests.Support;
using Rongtong.Web.Features.Registry;
using Rongtong.Web.Features.Registry.Demo;
using Rongtong.Web.Features.Registry.Import;
using Rongtong.Web.Platform.Auditing;

namespace Rongtong.Tests.Registry.Import;

/// <summary>Files and a carrier for the import tests.</summary>
internal static class ImportFixture
{
    public const string Header = "统一社会信用代码,企业名称,行业代码,从业人员,大专及以上学历人数,营业收入(万元),资产总额(万元),产值(万元),利税(万元),研发投入(万元),占地面积(亩),新增就业人数,年度";

    /// <summary>Synthetic codes far from the demo seed's.</summary>
    public static readonly string A = DemoSeed.DemoCode(7001), B = DemoSeed.DemoCode(7002), C = DemoSeed.DemoCode(7003);

    /// <summary>
    /// A steel-pipe maker with two years (工业: 2021 small — fails 中型's Y≥2000; 2022 large), a software firm (small) and
    /// a service firm registered without figures.
    /// </summary>
    public static string GoodCsv => Lines(Header,
        $"{A},衡阳测试钢管有限公司,3130,350,100,1500,2000,1600,120,60,20,5,2021",
        $"{A},衡阳测试钢管有限公司,3130,1200,300,\"50,000\",60000,52000,4000,900,150,40,2022",
        $"{B},衡阳测试软件有限公司,6513,15,12,80,60,0,8.5,12.25,0,3,2022",
        $"{C},衡阳测试服务有限公司,7243,,,,,,,,,,");

    public static string Lines(params string[] lines) => string.Join("\r\n", lines) + "\r\n";

    public static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text));

    public static async Task<int> CarrierAsync(TestDatabase tdb, string code = "testzone")
    {
        await using var db = tdb.NewContext();
        var c = new Carrier { Code = code, Name = "测试载体", Zone = "测试高新区" };
        db.Carriers.Add(c);
        await db.SaveChangesAsync();
        return c.Id;
    }

    public static async Task<ImportResult> ImportAsync(TestDatabase tdb, int carrierId, string fileName, Stream content, bool dryRun = false)
    {
        await using var db = tdb.NewContext(new AuditActor { Name = "test-op" });
        return await new ImportEnterprises(db, TimeProvider.System).HandleAsync(new ImportRequest(carrierId, fileName, content, dryRun));
    }

    /// <summary>Every version and the audit count: what must not move when an import changes nothing.</summary>
    public static async Task<(Dictionary<string, int> Versions, int Audit)> StateAsync(TestDatabase tdb)
    {
        await using var db = tdb.NewContext();
        var versions = await db.Enterprises.ToDictionaryAsync(e => e.CreditCode, e => e.Version);
        foreach (var y in await db.EnterpriseYears.Select(y => new { y.Enterprise!.CreditCode, y.Year, y.Version }).ToListAsync())
            versions[$"{y.CreditCode}/{y.Year}"] = y.Version;
        return (versions, await db.AuditEntries.CountAsync());
    }
}
