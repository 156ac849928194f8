using System.Globalization;
using System.Text;
using MiniExcelLibs;
using Rongtong.Web.Features.Registry.Rules;

namespace Rongtong.Bench;

/// <summary>
/// Deterministic bench data: N enterprises, each with one year of figures, as a zone office's file would have them
/// (Chinese headers). Credit codes are valid and synthetic (organisation codes "MB…").
/// </summary>
public static class Generator
{
    public static readonly string[] Headers =
    [
        "统一社会信用代码", "企业名称", "行业代码", "从业人员", "大专及以上学历人数", "营业收入(万元)", "资产总额(万元)",
        "产值(万元)", "利税(万元)", "研发投入(万元)", "占地面积(亩)", "新增就业人数", "年度",
    ];

    private static readonly string[] Places = ["衡阳", "湖南", "雁城", "蒸湘", "石鼓", "珠晖", "衡州", "回雁", "耒水", "湘南", "长沙", "株洲", "湘潭", "岳阳", "常德"];
    private const string Syllables = "华鑫瑞恒宏远诚博创智达信泰盛科源联中金天正合安德新普威捷嘉兴隆丰汇通顺祥和美";
    internal static readonly (string Code, string Word)[] Industries =
    [
        ("3130", "钢管制品"), ("3311", "钢结构"), ("3360", "表面处理"), ("3484", "精密机械"), ("3443", "阀门"), ("3511", "矿山机械"),
        ("3821", "变压器配件"), ("3823", "电气开关"), ("3831", "电线电缆"), ("3829", "输配电设备"), ("3670", "汽车零部件"),
        ("6513", "软件"), ("7451", "检测"), ("7520", "知识产权"), ("5162", "油品贸易"), ("7212", "投资管理"), ("2929", "新材料"),
        ("7245", "环保咨询"), ("5810", "物流"), ("5292", "电子商务"),
    ];

    public static string Code(int i)
    {
        var org8 = $"MB{i:000000}";
        return CreditCode.Complete("91430400" + org8 + CreditCode.OrgCheckChar(org8)!.Value);
    }

    public static IEnumerable<object[]> Rows(int n, int year = 2021)
    {
        var rnd = new Random(42);
        var used = new HashSet<string>();
        for (var i = 0; i < n; i++)
        {
            var (code, word) = Industries[rnd.Next(Industries.Length)];
            string name;
            do name = $"{Places[rnd.Next(Places.Length)]}{Syllables[rnd.Next(Syllables.Length)]}{Syllables[rnd.Next(Syllables.Length)]}{Syllables[rnd.Next(Syllables.Length)]}{word}有限公司";
            while (!used.Add(name));
            var employees = 5 + rnd.Next(400);
            var revenue = Math.Round(employees * (20 + rnd.NextDouble() * 80), 1);
            yield return
            [
                Code(i), name, code, employees, (int)(employees * 0.6), revenue, Math.Round(revenue * 1.2, 1), Math.Round(revenue * 1.05, 1),
                Math.Round(revenue * 0.08, 1), Math.Round(revenue * 0.03, 1), Math.Round(rnd.NextDouble() * 30, 1), rnd.Next(20), year,
            ];
        }
    }

    public static string WriteCsv(int n, string dir)
    {
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, $"enterprises-{n}.csv");
        if (File.Exists(path)) return path;
        using var w = new StreamWriter(path, false, new UTF8Encoding(true));
        w.WriteLine(string.Join(",", Headers));
        foreach (var r in Rows(n)) w.WriteLine(string.Join(",", r.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))));
        return path;
    }

    public static string WriteXlsx(int n, string dir)
    {
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, $"enterprises-{n}.xlsx");
        if (File.Exists(path)) return path;
        var rows = Rows(n).Select(r =>
        {
            var d = new Dictionary<string, object>();
            for (var i = 0; i < Headers.Length; i++) d[Headers[i]] = r[i];
            return d;
        });
        MiniExcel.SaveAs(path, rows);
        return path;
    }
}
