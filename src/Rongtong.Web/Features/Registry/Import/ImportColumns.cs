using System.Text;

namespace Rongtong.Web.Features.Registry.Import;

/// <summary>What one column of an import (or export) file carries.</summary>
public enum ImportField
{
    CreditCode, Name, IndustryCode, Year, Employees, DegreeHolders, Revenue, TotalAssets, Output, ProfitTax, RnD, LandArea, NewJobs,
    Address, InZone, ChainRole, Incubation, ResidentSince, GraduatedOn, MovedOutOn, Listing, ListedOn, SpawnedBy,
}

/// <summary>How a cell of the column is parsed.</summary>
public enum CellKind { Text, Code, Integer, Amount, Boolean, Date, ChainRole, Incubation, Listing }

/// <param name="Header">The Chinese header a zone office writes (used by the template and the export).</param>
/// <param name="RuleField">The field name <c>EnterpriseRules</c>/<c>YearRules</c> report errors under.</param>
/// <param name="IsMaster">Master data (企业信息) rather than one year's figures.</param>
public sealed record ImportColumn(ImportField Field, string Header, string RuleField, CellKind Kind, bool IsMaster, string[] Aliases);

/// <summary>
/// The columns of the enterprise file, in export order: the thirteen a zone office writes, then optional master data.
/// Headers match after <see cref="Key"/> (trimmed, spaces, brackets, '_' and '-' removed, full-width folded, lower-cased),
/// so "营业收入（万元）", "营业收入 (万元)", "营业收入" and "revenue" all name the same column.
/// </summary>
public static class ImportColumns
{
    public static readonly IReadOnlyList<ImportColumn> All =
    [
        new(ImportField.CreditCode, "统一社会信用代码", "creditCode", CellKind.Code, true, ["creditCode", "credit_code", "uscc", "信用代码", "社会信用代码"]),
        new(ImportField.Name, "企业名称", "name", CellKind.Text, true, ["name", "enterpriseName", "名称"]),
        new(ImportField.IndustryCode, "行业代码", "industryCode", CellKind.Text, true, ["industryCode", "industry", "行业", "国民经济行业代码"]),
        new(ImportField.Employees, "从业人员", "employees", CellKind.Integer, false, ["employees", "从业人员数", "从业人数"]),
        new(ImportField.DegreeHolders, "大专及以上学历人数", "degreeHolders", CellKind.Integer, false, ["degreeHolders", "大专以上学历人数"]),
        new(ImportField.Revenue, "营业收入(万元)", "revenue", CellKind.Amount, false, ["revenue", "营业收入"]),
        new(ImportField.TotalAssets, "资产总额(万元)", "totalAssets", CellKind.Amount, false, ["totalAssets", "资产总额"]),
        new(ImportField.Output, "产值(万元)", "output", CellKind.Amount, false, ["output", "产值", "工业总产值(万元)"]),
        new(ImportField.ProfitTax, "利税(万元)", "profitTax", CellKind.Amount, false, ["profitTax", "利税", "利税总额(万元)"]),
        new(ImportField.RnD, "研发投入(万元)", "rnd", CellKind.Amount, false, ["rnd", "rdSpend", "r&d", "研发投入", "研发经费(万元)"]),
        new(ImportField.LandArea, "占地面积(亩)", "landArea", CellKind.Amount, false, ["landArea", "占地面积"]),
        new(ImportField.NewJobs, "新增就业人数", "newJobs", CellKind.Integer, false, ["newJobs", "新增就业"]),
        new(ImportField.Year, "年度", "year", CellKind.Integer, false, ["year", "年份"]),
        new(ImportField.Address, "地址", "address", CellKind.Text, true, ["address", "企业地址", "注册地址"]),
        new(ImportField.InZone, "是否区内", "inZone", CellKind.Boolean, true, ["inZone", "开发区内", "是否开发区内", "区内"]),
        new(ImportField.ChainRole, "产业链角色", "chainRole", CellKind.ChainRole, true, ["chainRole", "role"]),
        new(ImportField.Incubation, "孵化状态", "incubation", CellKind.Incubation, true, ["incubation", "incubationStatus"]),
        new(ImportField.ResidentSince, "入驻日期", "residentSince", CellKind.Date, true, ["residentSince"]),
        new(ImportField.GraduatedOn, "毕业日期", "graduatedOn", CellKind.Date, true, ["graduatedOn"]),
        new(ImportField.MovedOutOn, "迁出日期", "movedOutOn", CellKind.Date, true, ["movedOutOn"]),
        new(ImportField.Listing, "挂牌上市", "listing", CellKind.Listing, true, ["listing", "挂牌上市状态"]),
        new(ImportField.ListedOn, "挂牌上市日期", "listedOn", CellKind.Date, true, ["listedOn"]),
        new(ImportField.SpawnedBy, "催生企业", "spawnedBy", CellKind.Code, true, ["spawnedBy", "催生龙头企业"]),
    ];

    public static readonly int Count = Enum.GetValues<ImportField>().Length;

    private static readonly ImportColumn[] ByField = All.OrderBy(c => c.Field).ToArray();

    private static readonly Dictionary<string, ImportColumn> ByKey = BuildKeys();

    private static readonly Dictionary<string, ImportColumn> ByRuleField = All.ToDictionary(c => c.RuleField, StringComparer.Ordinal);

    public static ImportColumn Of(ImportField f) => ByField[(int)f];

    /// <summary>The column whose rule field (<c>revenue</c>, <c>name</c> …) a rule reported an error under.</summary>
    public static ImportColumn? ByRule(string ruleField) => ByRuleField.GetValueOrDefault(ruleField);

    /// <summary>The column a header names, or null for an unknown header.</summary>
    public static ImportColumn? Match(string? header) =>
        string.IsNullOrWhiteSpace(header) ? null : ByKey.GetValueOrDefault(Key(header));

    /// <summary>The comparable form of a header: full-width folded, without spaces, brackets, '_' and '-', lower-cased.</summary>
    public static string Key(string header)
    {
        var sb = new StringBuilder(header.Length);
        foreach (var ch in header)
        {
            var c = ch >= '\uFF01' && ch <= '\uFF5E' ? (char)(ch - 0xFEE0) : ch;
            if (char.IsWhiteSpace(c) || c is '(' or ')' or '_' or '-' or '\uFEFF') continue;
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    private static Dictionary<string, ImportColumn> BuildKeys()
    {
        var map = new Dictionary<string, ImportColumn>(StringComparer.Ordinal);
        foreach (var c in All)
        {
            foreach (var name in c.Aliases.Prepend(c.Header))
            {
                // "credit_code" and "creditCode" fold to one key; two columns must never share one
                if (!map.TryAdd(Key(name), c) && map[Key(name)] != c)
                    throw new InvalidOperationException($"header '{name}' would name two columns");
            }
        }
        return map;
    }
}
