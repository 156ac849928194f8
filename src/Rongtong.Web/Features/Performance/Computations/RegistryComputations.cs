using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Features.Registry;
using Rongtong.Web.Platform.Data;
using Rongtong.Web.Platform.I18n;

namespace Rongtong.Web.Features.Performance.Computations;

/// <summary>A computed value and how many records it counted.</summary>
public sealed record Computed(decimal? Value, int Records);

/// <summary>One record behind a computed value (the drill-down): the enterprise, and what of it was counted.</summary>
public sealed class CountedRecord
{
    public int EnterpriseId { get; init; }
    public string CreditCode { get; init; } = "";
    public string Name { get; init; } = "";
    public bool IsDemo { get; init; }
    /// <summary>Industry code, leading enterprise, qualifications … as text.</summary>
    public string? Detail { get; set; }
    public DateOnly? Date { get; init; }
    /// <summary>The amount summed (or the numerator of a share).</summary>
    public decimal? Amount { get; init; }
    /// <summary>The denominator of a share (employees for the degree share, land for revenue per mu).</summary>
    public decimal? Of { get; init; }
}

/// <summary>
/// The named computations over registry records. Every one counts the carrier's 入驻企业: its in-zone enterprises
/// that have not moved out (迁出) by the period's end — at the end (stocks), or within the period (flows: a graduation
/// counts when the enterprise had not moved out before it). Figure sums use the yearly figures of the period's year
/// and are only defined for a year period. Two more count the confirmed deals between leading enterprises and SMEs
/// (ADR 0018). One statement computes all of them (docs/adr/0009-indicators.md).
/// </summary>
public sealed class RegistryComputations(RongtongDb db)
{
    public const string IndustryConcentration = "industry_concentration", Employees = "employees", DegreeShare = "degree_share",
        RevenuePerMu = "revenue_per_mu", Spawned = "spawned", Graduated = "graduated", Listed = "listed", SizeUpgrades = "size_upgrades",
        Specialised = "specialised", TechEnterprises = "tech_enterprises", Output = "output", ProfitTax = "profit_tax", NewJobs = "new_jobs", RnD = "rnd",
        DealValue = "deal_value", LeadingPartners = "leading_partners";

    /// <summary>Every computation and what it counts (shown beside a computed value).</summary>
    public static readonly IReadOnlyDictionary<string, (string Zh, string En)> Descriptions = new Dictionary<string, (string, string)>
    {
        [IndustryConcentration] = ("期末在孵入驻企业中，行业代码属于载体主要服务行业的企业数 ÷ 入驻企业总数 × 100%", "resident enterprises at period end whose industry is one of the carrier's main served industries ÷ all resident enterprises × 100%"),
        [Employees] = ("期末在区企业当年从业人员合计 ÷ 10000", "sum of employees filed for the year by enterprises in the zone at period end ÷ 10,000"),
        [DegreeShare] = ("期末在区企业当年大专及以上学历人数合计 ÷ 从业人员合计 × 100%", "degree holders ÷ employees of enterprises in the zone at period end × 100%"),
        [RevenuePerMu] = ("填报占地面积的期末在区企业营业收入合计 ÷ 其占地面积合计（亩）", "revenue of enterprises in the zone at period end that filed land area ÷ their land area (mu)"),
        [Spawned] = ("期末在区企业中由龙头企业催生的企业数", "enterprises in the zone at period end spawned by a leading enterprise"),
        [Graduated] = ("毕业日期在本期内的区内企业数（毕业前未迁出）", "in-zone enterprises that graduated within the period (not moved out before)"),
        [Listed] = ("期末在区企业中已挂牌或上市的企业数", "enterprises in the zone at period end, quoted or listed by then"),
        [SizeUpgrades] = ("期末在区企业中当年规模类型高于上年的企业数", "enterprises in the zone at period end whose size class is above the previous year's"),
        [Specialised] = ("期末在区企业中持有效国家级、省级专精特新或小巨人资质的企业数", "enterprises in the zone at period end holding a valid national/provincial 专精特新 or 小巨人 qualification then"),
        [TechEnterprises] = ("期末在区企业中持有效科技型中小企业或高新技术企业资质的企业数", "enterprises in the zone at period end holding a valid tech-SME or high-tech qualification then"),
        [Output] = ("期末在区企业当年产值合计（万元）", "sum of output value of enterprises in the zone at period end (10k CNY)"),
        [ProfitTax] = ("期末在区企业当年利税合计（万元）", "sum of profit and tax of enterprises in the zone at period end (10k CNY)"),
        [NewJobs] = ("期末在区企业当年新增就业人数合计 ÷ 10000", "sum of new jobs of enterprises in the zone at period end ÷ 10,000"),
        [RnD] = ("期末在区企业当年研发投入合计（万元）", "sum of R&D spend of enterprises in the zone at period end (10k CNY)"),
        [DealValue] = ("本期内签订的、已确认的龙头企业与中小企业交易金额合计（万元）", "sum of the confirmed deals between leading enterprises and SMEs signed within the period (10k CNY)"),
        [LeadingPartners] = ("截至期末与中小企业有已确认交易的龙头企业数", "leading enterprises with a confirmed deal with an SME signed by the period's end"),
    };

    public static bool Exists(string? name) => name is not null && Descriptions.ContainsKey(name);

    /// <summary>Computations over yearly figures: a quarter or a half-year has none (its value is entered).</summary>
    private static readonly HashSet<string> YearOnly = [Employees, DegreeShare, RevenuePerMu, SizeUpgrades, Output, ProfitTax, NewJobs, RnD];

    /// <summary>Whether the computation gives a value for a period of this kind (else the indicator's actual is entered).</summary>
    public static bool Computes(string? name, PeriodKind kind) => Exists(name) && (kind == PeriodKind.Y || !YearOnly.Contains(name!));

    public static string Describe(string? name) => name is not null && Descriptions.TryGetValue(name, out var d) ? Loc.T(d.Zh, d.En) : "";

    private static readonly QualificationKind[] SpecialisedKinds = [QualificationKind.SpecialisedNational, QualificationKind.SpecialisedProvincial, QualificationKind.LittleGiant];
    private static readonly QualificationKind[] TechKinds = [QualificationKind.HighTech, QualificationKind.TechSme];

    private IQueryable<Enterprise> InZone(int carrierId) => db.Enterprises.AsNoTracking().Where(e => e.CarrierId == carrierId && e.InZone);

    /// <summary>入驻企业 at <paramref name="end"/>: in the zone and not moved out by then.</summary>
    private IQueryable<Enterprise> Present(int carrierId, DateOnly end) => InZone(carrierId).Where(e => e.MovedOutOn == null || e.MovedOutOn > end);

    /// <summary>
    /// Computes every named computation for a carrier and period in one statement (after reading the carrier's main
    /// industries): one-row aggregates, each one pass over its rows, joined into one row — the in-zone enterprises
    /// (stocks and flows), their qualifications valid at the end, the confirmed deals (ADR 0018), and, for a year, their
    /// figures of the year joined with the previous year's (sums and size upgrades). Hand-written SQL, valid on SQLite and PostgreSQL: EF Core expresses
    /// an aggregate over a whole set only as a group by a constant, which SQLite sorts through a temporary B-tree (twice
    /// the time of the aggregate itself), and needs one query per EXISTS; one statement instead of one per aggregate
    /// also saves the round trips, which count on a loaded server (docs/benchmarks.md, "Indicator computation").
    /// </summary>
    public async Task<Dictionary<string, Computed>> ComputeAsync(int carrierId, Period p, CancellationToken ct = default)
    {
        var result = new Dictionary<string, Computed>();
        var mains = await MainIndustriesAsync(carrierId, ct);
        var year = p.Kind == PeriodKind.Y;
        // parameters: {0} carrier, {1} start, {2} end, for a year {3} the year and {4} the previous one, then the main industries
        object[] parameters = year ? [carrierId, p.Start, p.End, p.Year, p.Year - 1, .. mains] : [carrierId, p.Start, p.End, .. mains];
        var sql = $"SELECT * FROM ({EnterprisesSql(mains, year ? 5 : 3)}) AS en CROSS JOIN ({QualifiedSql}) AS qu CROSS JOIN ({DealsSql}) AS de"
                  + (year ? $" CROSS JOIN ({FiguresSql}) AS fi" : "");
        var c = year
            ? (await db.Database.SqlQueryRaw<YearCounts>(sql, parameters).ToListAsync(ct)).Single()
            : (await db.Database.SqlQueryRaw<Counts>(sql, parameters).ToListAsync(ct)).Single();

        // stocks and flows over enterprises; the industry is prefix-matched against the main served industries
        result[Spawned] = new(c.Spawned, (int)c.Spawned);
        result[Graduated] = new(c.Graduated, (int)c.Graduated);
        result[Listed] = new(c.Listed, (int)c.Listed);
        var resident = (int)c.Resident;
        result[IndustryConcentration] = new(resident == 0 ? null : Math.Round(c.InField * 100m / resident, 4), resident);
        // enterprises holding a qualification of each group valid at the end
        result[Specialised] = new(c.Specialised, (int)c.Specialised);
        result[TechEnterprises] = new(c.Tech, (int)c.Tech);

        // yearly figures: only a year has them
        if (c is YearCounts s)
        {
            var n = (int)s.N;
            decimal Dec(long v) => v / ScaledDecimal.Factor;
            result[Employees] = new(n == 0 ? null : s.Employees / 10000m, n);
            result[DegreeShare] = new(n == 0 || s.Employees == 0 ? null : Math.Round(s.Degree * 100m / s.Employees, 4), n);
            result[RevenuePerMu] = new(n == 0 || s.Land == 0 ? null : Math.Round(Dec(s.LandRevenue) / Dec(s.Land), 4), n);
            result[Output] = new(n == 0 ? null : Dec(s.Output), n);
            result[ProfitTax] = new(n == 0 ? null : Dec(s.ProfitTax), n);
            result[RnD] = new(n == 0 ? null : Dec(s.RnD), n);
            result[NewJobs] = new(n == 0 ? null : s.NewJobs / 10000m, n);
            result[SizeUpgrades] = new(s.Upgrades, (int)s.Upgrades);
        }

        // deals (融通对接): none recorded by the period's end means the carrier keeps them elsewhere, not that there were none
        var any = c.Partners > 0;
        result[DealValue] = new(any ? Funds.Money.ToWan(c.DealFen) : null, (int)c.DealsSigned);
        result[LeadingPartners] = new(any ? c.Partners : null, (int)c.Partners);
        return result;
    }

    /// <summary>The carrier's confirmed deals signed by <paramref name="end"/>.</summary>
    private IQueryable<Integration.Deal> ConfirmedDeals(int carrierId, DateOnly end) =>
        db.Deals.AsNoTracking().Where(d => d.CarrierId == carrierId && d.State == Integration.DealState.Confirmed && d.SignedOn <= end);

    // The SQL below counts what the drill-down's LINQ lists (Present(), Resident(), Upgrades(), the qualification filter),
    // written once for both providers: quoted EF default names, dates as parameters (text on SQLite, date on PostgreSQL,
    // compared the same way), scaled decimals summed as 64-bit integers, every sum cast to BIGINT (on PostgreSQL a sum of
    // bigints is numeric). COUNT(CASE … THEN 1 END) counts the rows where the condition is true; the previous year joins
    // at most one row per enterprise ((EnterpriseId, Year) is unique), so it changes no sum.
    private const string InZoneSql = "e.\"CarrierId\" = {0} AND e.\"InZone\"";

    /// <summary>Not moved out by the period's end (Present()).</summary>
    private const string PresentSql = "(e.\"MovedOutOn\" IS NULL OR e.\"MovedOutOn\" > {2})";

    private const string ResidentSql = $$"""
        e."ResidentSince" <= {2} AND (e."GraduatedOn" IS NULL OR e."GraduatedOn" > {2}) AND {{PresentSql}}
        """;

    /// <summary>
    /// One row over the carrier's in-zone enterprises, without a GROUP BY (which made SQLite walk an index and sort);
    /// a main served industry m is a parameter from {<paramref name="first"/>} on, matched as InField() does: the code
    /// starts with m.
    /// </summary>
    private static string EnterprisesSql(string[] mains, int first)
    {
        var inField = mains.Length == 0 ? "0 = 1"
            : string.Join(" OR ", mains.Select((m, i) => $"substr(e.\"IndustryCode\", 1, {m.Length}) = {{{i + first}}}"));
        return $$"""
            SELECT COUNT(CASE WHEN {{ResidentSql}} THEN 1 END) AS "Resident",
              COUNT(CASE WHEN {{ResidentSql}} AND ({{inField}}) THEN 1 END) AS "InField",
              COUNT(CASE WHEN {{PresentSql}} AND e."SpawnedById" IS NOT NULL AND (e."ResidentSince" IS NULL OR e."ResidentSince" <= {2}) THEN 1 END) AS "Spawned",
              COUNT(CASE WHEN e."GraduatedOn" >= {1} AND e."GraduatedOn" <= {2} AND (e."MovedOutOn" IS NULL OR e."MovedOutOn" >= e."GraduatedOn") THEN 1 END) AS "Graduated",
              COUNT(CASE WHEN {{PresentSql}} AND e."Listing" <> {{(int)ListingStatus.None}} AND e."ListedOn" <= {2} THEN 1 END) AS "Listed"
            FROM "Enterprises" AS e
            WHERE {{InZoneSql}}
            """;
    }

    private static readonly string QualifiedSql = $$"""
        SELECT COUNT(DISTINCT CASE WHEN q."Kind" IN ({{(int)QualificationKind.SpecialisedNational}}, {{(int)QualificationKind.SpecialisedProvincial}}, {{(int)QualificationKind.LittleGiant}}) THEN q."EnterpriseId" END) AS "Specialised",
          COUNT(DISTINCT CASE WHEN q."Kind" IN ({{(int)QualificationKind.HighTech}}, {{(int)QualificationKind.TechSme}}) THEN q."EnterpriseId" END) AS "Tech"
        FROM "Qualifications" AS q
        JOIN "Enterprises" AS e ON e."Id" = q."EnterpriseId"
        WHERE {{InZoneSql}} AND {{PresentSql}} AND q."IssuedOn" <= {2} AND (q."ExpiresOn" IS NULL OR q."ExpiresOn" >= {2})
        """;

    /// <summary>The confirmed deals signed by the period's end (ConfirmedDeals()): amounts and count within it, leading enterprises by its end.</summary>
    private static readonly string DealsSql = $$"""
        SELECT COALESCE(CAST(SUM(CASE WHEN d."SignedOn" >= {1} THEN d."AmountFen" END) AS BIGINT), 0) AS "DealFen",
          COUNT(CASE WHEN d."SignedOn" >= {1} THEN 1 END) AS "DealsSigned",
          COUNT(DISTINCT d."LeadingId") AS "Partners"
        FROM "Deals" AS d
        WHERE d."CarrierId" = {0} AND d."State" = {{(int)Integration.DealState.Confirmed}} AND d."SignedOn" <= {2}
        """;

    private static readonly string FiguresSql = $$"""
        SELECT COUNT(*) AS "N",
          COALESCE(CAST(SUM(y."Employees") AS BIGINT), 0) AS "Employees",
          COALESCE(CAST(SUM(y."DegreeHolders") AS BIGINT), 0) AS "Degree",
          COALESCE(CAST(SUM(y."NewJobs") AS BIGINT), 0) AS "NewJobs",
          COALESCE(CAST(SUM(y."Output") AS BIGINT), 0) AS "Output",
          COALESCE(CAST(SUM(y."ProfitTax") AS BIGINT), 0) AS "ProfitTax",
          COALESCE(CAST(SUM(y."RnD") AS BIGINT), 0) AS "RnD",
          COALESCE(CAST(SUM(y."LandArea") AS BIGINT), 0) AS "Land",
          COALESCE(CAST(SUM(CASE WHEN y."LandArea" > 0 THEN y."Revenue" ELSE 0 END) AS BIGINT), 0) AS "LandRevenue",
          COUNT(CASE WHEN prev."SizeClass" < y."SizeClass" THEN 1 END) AS "Upgrades"
        FROM "Enterprises" AS e
        JOIN "EnterpriseYears" AS y ON y."CarrierId" = {0} AND y."Year" = {3} AND y."EnterpriseId" = e."Id"
        LEFT JOIN "EnterpriseYears" AS prev ON prev."CarrierId" = {0} AND prev."Year" = {4} AND prev."EnterpriseId" = e."Id"
        WHERE {{InZoneSql}} AND {{PresentSql}}
        """;

    /// <summary>The row of a period's statement (columns by name).</summary>
    private class Counts
    {
        public long Resident { get; set; }
        public long InField { get; set; }
        public long Spawned { get; set; }
        public long Graduated { get; set; }
        public long Listed { get; set; }
        public long Specialised { get; set; }
        public long Tech { get; set; }
        public long DealFen { get; set; }
        public long DealsSigned { get; set; }
        public long Partners { get; set; }
    }

    /// <summary>The row of a year's statement: also the figures.</summary>
    private sealed class YearCounts : Counts
    {
        public long N { get; set; }
        public long Employees { get; set; }
        public long Degree { get; set; }
        public long NewJobs { get; set; }
        public long Output { get; set; }
        public long ProfitTax { get; set; }
        public long RnD { get; set; }
        public long Land { get; set; }
        public long LandRevenue { get; set; }
        public long Upgrades { get; set; }
    }

    /// <summary>The records a computation counted, for the drill-down (at most <paramref name="limit"/>).</summary>
    public async Task<(List<CountedRecord> Rows, int Total)> DrillDownAsync(string name, int carrierId, Period p, int limit = 500, CancellationToken ct = default)
    {
        var end = p.End;
        var start = p.Start;
        var deals = ConfirmedDeals(carrierId, end);
        IQueryable<CountedRecord> q = name switch
        {
            IndustryConcentration => Resident(carrierId, end).Select(e => new CountedRecord { EnterpriseId = e.Id, CreditCode = e.CreditCode, Name = e.Name, IsDemo = e.IsDemo, Detail = e.IndustryCode, Date = e.ResidentSince }),
            Spawned => Present(carrierId, end).Where(e => e.SpawnedById != null && (e.ResidentSince == null || e.ResidentSince <= end))
                .Select(e => new CountedRecord { EnterpriseId = e.Id, CreditCode = e.CreditCode, Name = e.Name, IsDemo = e.IsDemo, Detail = e.SpawnedBy!.Name, Date = e.ResidentSince }),
            Graduated => InZone(carrierId).Where(e => e.GraduatedOn >= start && e.GraduatedOn <= end && (e.MovedOutOn == null || e.MovedOutOn >= e.GraduatedOn))
                .Select(e => new CountedRecord { EnterpriseId = e.Id, CreditCode = e.CreditCode, Name = e.Name, IsDemo = e.IsDemo, Date = e.GraduatedOn }),
            Listed => Present(carrierId, end).Where(e => e.Listing != ListingStatus.None && e.ListedOn <= end)
                .Select(e => new CountedRecord { EnterpriseId = e.Id, CreditCode = e.CreditCode, Name = e.Name, IsDemo = e.IsDemo, Date = e.ListedOn }),
            Specialised or TechEnterprises => Present(carrierId, end)
                .Where(e => e.Qualifications.Any(q => (name == Specialised ? SpecialisedKinds : TechKinds).Contains(q.Kind) && q.IssuedOn <= end && (q.ExpiresOn == null || q.ExpiresOn >= end)))
                .Select(e => new CountedRecord { EnterpriseId = e.Id, CreditCode = e.CreditCode, Name = e.Name, IsDemo = e.IsDemo }),
            SizeUpgrades => Upgrades(carrierId, p.Year, end).Select(f => new CountedRecord { EnterpriseId = f.EnterpriseId, CreditCode = f.Enterprise!.CreditCode, Name = f.Enterprise.Name, IsDemo = f.Enterprise.IsDemo }),
            DealValue => deals.Where(d => d.SignedOn >= start)
                .Select(d => new CountedRecord { EnterpriseId = d.SmeId, CreditCode = d.Sme!.CreditCode, Name = d.Sme.Name, IsDemo = d.Sme.IsDemo, Detail = d.Leading!.Name + "：" + d.Subject, Date = d.SignedOn, Amount = d.AmountFen / (decimal)Funds.Money.FenPerWan }),
            LeadingPartners => db.Enterprises.AsNoTracking().Where(e => e.CarrierId == carrierId && deals.Any(d => d.LeadingId == e.Id))
                .Select(e => new CountedRecord { EnterpriseId = e.Id, CreditCode = e.CreditCode, Name = e.Name, IsDemo = e.IsDemo, Date = deals.Where(d => d.LeadingId == e.Id).Min(d => (DateOnly?)d.SignedOn) }),
            _ when p.Kind == PeriodKind.Y && Exists(name) => FigureRecords(name, carrierId, p.Year, end),
            _ => throw new ArgumentException($"no drill-down for '{name}' in {p}", nameof(name)),
        };
        var total = await q.CountAsync(ct);
        var rows = await q.OrderBy(r => r.Name).Take(limit).ToListAsync(ct);
        if (name is Specialised or TechEnterprises) await LabelQualificationsAsync(rows, name == Specialised ? SpecialisedKinds : TechKinds, end, ct);
        return (rows, total);
    }

    private IQueryable<CountedRecord> FigureRecords(string name, int carrierId, int year, DateOnly end) =>
        FiguresOf(carrierId, year, end)
            .Where(f => name != RevenuePerMu || f.LandArea > 0)
            .Select(f => new CountedRecord
            {
                EnterpriseId = f.EnterpriseId, CreditCode = f.Enterprise!.CreditCode, Name = f.Enterprise.Name, IsDemo = f.Enterprise.IsDemo,
                Amount = name == Employees ? f.Employees : name == NewJobs ? f.NewJobs : name == Output ? f.Output
                    : name == ProfitTax ? f.ProfitTax : name == RnD ? f.RnD : name == DegreeShare ? f.DegreeHolders : f.Revenue,
                Of = name == DegreeShare ? f.Employees : name == RevenuePerMu ? f.LandArea : null,
            });

    private async Task LabelQualificationsAsync(List<CountedRecord> rows, QualificationKind[] kinds, DateOnly end, CancellationToken ct)
    {
        var ids = rows.Select(r => r.EnterpriseId).ToList();
        var quals = await db.Qualifications.AsNoTracking()
            .Where(q => ids.Contains(q.EnterpriseId) && kinds.Contains(q.Kind) && q.IssuedOn <= end && (q.ExpiresOn == null || q.ExpiresOn >= end))
            .ToListAsync(ct);
        var byEnterprise = quals.ToLookup(q => q.EnterpriseId);
        foreach (var r in rows)
            r.Detail = string.Join("、", byEnterprise[r.EnterpriseId].Select(q => $"{Labels.Of(q.Kind)} {q.IssuedOn:yyyy-MM-dd}"));
    }

    private IQueryable<Enterprise> Resident(int carrierId, DateOnly end) =>
        Present(carrierId, end).Where(e => e.ResidentSince != null && e.ResidentSince <= end && (e.GraduatedOn == null || e.GraduatedOn > end));

    /// <summary>The yearly figures of the year of the enterprises present at its end.</summary>
    private IQueryable<EnterpriseYear> FiguresOf(int carrierId, int year, DateOnly end) =>
        db.EnterpriseYears.AsNoTracking().Where(f => f.CarrierId == carrierId && f.Year == year && f.Enterprise!.InZone
            && (f.Enterprise.MovedOutOn == null || f.Enterprise.MovedOutOn > end));

    private IQueryable<EnterpriseYear> Upgrades(int carrierId, int year, DateOnly end) =>
        FiguresOf(carrierId, year, end)
            .Where(f => db.EnterpriseYears.Any(prev => prev.CarrierId == carrierId && prev.Year == year - 1 && prev.EnterpriseId == f.EnterpriseId && prev.SizeClass < f.SizeClass));

    private async Task<string[]> MainIndustriesAsync(int carrierId, CancellationToken ct) =>
        (await db.Carriers.AsNoTracking().Where(c => c.Id == carrierId).Select(c => c.MainIndustries).FirstOrDefaultAsync(ct) ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>An industry code is in the field when it starts with one of the main served codes (a 大类 covers its 中类 and 小类).</summary>
    public static bool InField(string industryCode, IEnumerable<string> mains) => mains.Any(m => industryCode.StartsWith(m, StringComparison.Ordinal));
}
