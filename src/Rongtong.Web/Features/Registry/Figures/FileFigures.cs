using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Features.Registry.Rules;
using Rongtong.Web.Platform.Auth;
using Rongtong.Web.Platform.Data;
using Rongtong.Web.Platform.Errors;

namespace Rongtong.Web.Features.Registry.Figures;

/// <summary>One year's figures as filed (amounts in 万元, land in 亩).</summary>
public sealed record YearInput
{
    public int Year { get; init; }
    public int? Employees { get; init; }
    public int? DegreeHolders { get; init; }
    public decimal? Revenue { get; init; }
    public decimal? TotalAssets { get; init; }
    public decimal? Output { get; init; }
    public decimal? ProfitTax { get; init; }
    public decimal? RnD { get; init; }
    public decimal? LandArea { get; init; }
    public int? NewJobs { get; init; }
    public int? Version { get; init; }
}

/// <summary>Field rules of yearly figures, shared by the form, the API and the import.</summary>
public static class YearRules
{
    public const decimal MaxAmount = 1_000_000_000m; // 万元: 10 trillion CNY, far above any enterprise

    public static void Check(YearInput i, Errors errors, int maxYear)
    {
        if (i.Year < 1990 || i.Year > maxYear)
            errors.Add("year", "range", $"年度应在1990至{maxYear}之间", $"The year must be between 1990 and {maxYear}");
        void Required<T>(T? v, string field, string zh, string en) where T : struct
        {
            if (v is null) errors.Add(field, "required", $"{zh}不能为空", $"{en} is required");
        }
        void NonNegative(decimal? v, string field, string zh, string en)
        {
            if (v < 0) errors.Add(field, "non-negative", $"{zh}不能为负数", $"{en} cannot be negative");
            else if (v > MaxAmount) errors.Add(field, "range", $"{zh}超出合理范围（单位为万元）", $"{en} is out of range (unit: 10k CNY)");
        }
        Required(i.Employees, "employees", "从业人员", "Employees");
        Required(i.Revenue, "revenue", "营业收入", "Revenue");
        NonNegative(i.Employees, "employees", "从业人员", "Employees");
        NonNegative(i.DegreeHolders, "degreeHolders", "大专及以上学历人数", "Employees with a degree");
        NonNegative(i.Revenue, "revenue", "营业收入", "Revenue");
        NonNegative(i.TotalAssets, "totalAssets", "资产总额", "Total assets");
        NonNegative(i.Output, "output", "产值", "Output value");
        NonNegative(i.RnD, "rnd", "研发投入", "R&D spend");
        NonNegative(i.LandArea, "landArea", "占地面积", "Land area");
        NonNegative(i.NewJobs, "newJobs", "新增就业人数", "New jobs");
        if (i.ProfitTax is { } pt && Math.Abs(pt) > MaxAmount)
            errors.Add("profitTax", "range", "利税超出合理范围（单位为万元）", "Profit and tax is out of range (unit: 10k CNY)");
        // compared only with a head count that is itself valid: a negative one already has its own error
        if (i.DegreeHolders > i.Employees && i.Employees >= 0)
            errors.Add("degreeHolders", "le-employees", $"大专及以上学历人数（{i.DegreeHolders}）不能多于从业人员（{i.Employees}）",
                $"Employees with a degree ({i.DegreeHolders}) cannot exceed employees ({i.Employees})");
    }
}

/// <summary>Files (creates or corrects) one year's figures and recomputes the size class (use case: 填报年度数据).</summary>
public sealed class FileFigures(RongtongDb db, CurrentScope scope, TimeProvider clock)
{
    public async Task<EnterpriseYear> HandleAsync(string enterpriseKey, YearInput input, CancellationToken ct = default)
    {
        var e = await scope.FindVisibleAsync(db, enterpriseKey, ct);
        if (!scope.CanFile(e)) throw new NotFoundException("enterprise");
        var errors = new Errors();
        var now = clock.GetUtcNow().UtcDateTime;
        YearRules.Check(input, errors, now.Year);
        if (!errors.Ok) throw new ValidationFailedException(errors);

        var row = await db.EnterpriseYears.FirstOrDefaultAsync(y => y.EnterpriseId == e.Id && y.Year == input.Year, ct);
        if (row is null)
        {
            row = new EnterpriseYear { EnterpriseId = e.Id, CarrierId = e.CarrierId, Year = input.Year };
            db.EnterpriseYears.Add(row);
        }
        else if (input.Version is { } v && v != row.Version)
        {
            throw new ConflictException("该年度数据已被他人修改，请刷新后重试", "Someone else changed these figures; reload and try again");
        }
        Apply(row, input, e.IndustryCode, scope.UserName, now);
        await RefreshSizeAsync(db, e, ct, row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("该年度数据已被他人修改，请刷新后重试", "Someone else changed these figures; reload and try again");
        }
        return row;
    }

    internal static void Apply(EnterpriseYear row, YearInput i, string industry, string filedBy, DateTime now)
    {
        row.Employees = i.Employees ?? 0;
        row.DegreeHolders = i.DegreeHolders ?? 0;
        row.Revenue = i.Revenue ?? 0;
        row.TotalAssets = i.TotalAssets ?? 0;
        row.Output = i.Output ?? 0;
        row.ProfitTax = i.ProfitTax ?? 0;
        row.RnD = i.RnD ?? 0;
        row.LandArea = i.LandArea ?? 0;
        row.NewJobs = i.NewJobs ?? 0;
        var d = SizeClassifier.Classify(industry, row.Employees, row.Revenue, row.TotalAssets, row.Year);
        row.SizeClass = d.Class;
        row.SizeRule = d.RuleZh;
        row.FiledBy = filedBy;
        row.FiledAt = now;
        row.Version++;
    }

    /// <summary>Keeps the enterprise's denormalised size class equal to its latest year's.</summary>
    internal static async Task RefreshSizeAsync(RongtongDb db, Enterprise e, CancellationToken ct, EnterpriseYear? changed = null)
    {
        var latest = await db.EnterpriseYears.Where(y => y.EnterpriseId == e.Id).OrderByDescending(y => y.Year)
            .Select(y => new { y.Year, y.SizeClass }).FirstOrDefaultAsync(ct);
        if (changed is not null && (latest is null || changed.Year >= latest.Year))
        {
            e.SizeClass = changed.SizeClass;
            e.SizeYear = changed.Year;
        }
        else if (latest is not null)
        {
            e.SizeClass = latest.SizeClass;
            e.SizeYear = latest.Year;
        }
    }
}
