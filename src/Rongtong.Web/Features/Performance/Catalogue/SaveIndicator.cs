using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Features.Performance.Computations;
using Rongtong.Web.Features.Registry;
using Rongtong.Web.Platform.Auth;
using Rongtong.Web.Platform.Data;
using Rongtong.Web.Platform.Errors;

namespace Rongtong.Web.Features.Performance.Catalogue;

/// <summary>What the form or the API says about one indicator of the catalogue (新增/编辑指标).</summary>
public sealed record IndicatorInput
{
    /// <summary>Stable code within the catalogue (e.g. "I25"); cannot change once created.</summary>
    public string? Code { get; init; }
    /// <summary>一级指标.</summary>
    public string? DimensionZh { get; init; }
    /// <summary>English name of the dimension; defaults to the one the catalogue already uses for the same 一级指标.</summary>
    public string? DimensionEn { get; init; }
    /// <summary>二级指标.</summary>
    public string? NameZh { get; init; }
    public string? NameEn { get; init; }
    /// <summary>Short name used in generated sentences; defaults to <see cref="NameZh"/>.</summary>
    public string? ShortZh { get; init; }
    public string? Unit { get; init; }
    public string? UnitEn { get; init; }
    public Direction Direction { get; init; } = Direction.Positive;
    public Frequency Frequency { get; init; } = Frequency.Year;
    public ValueSource Source { get; init; } = ValueSource.Entered;
    /// <summary>Name of a registry computation when <see cref="Source"/> is Computed; empty when Entered.</summary>
    public string? Computation { get; init; }
    public decimal? Weight { get; init; }
    public int Decimals { get; init; }
    /// <summary>Position in the list; null puts a new indicator last.</summary>
    public int? SortOrder { get; init; }
    public bool Active { get; init; } = true;
    /// <summary>The version the editor started from (optimistic concurrency); null on create.</summary>
    public int? Version { get; init; }
}

/// <summary>
/// Adds or edits one indicator of the catalogue that applies to a carrier (use case: 维护指标体系). Only an authority
/// whose scope includes the carrier may do it. An indicator is never deleted, only deactivated; and a change that would
/// alter what already approved figures mean (unit, direction, frequency, source, computation, decimals) is refused once
/// the indicator has values in an approved period — the user adds a new indicator instead and deactivates the old one.
/// Every change is audited (<see cref="IndicatorDefinition"/> is IAudited).
/// </summary>
public sealed partial class SaveIndicator(RongtongDb db, CurrentScope scope)
{
    public const int MaxNameLength = 200, MaxDimensionZh = 40, MaxDimensionEn = 80, MaxUnit = 20, MaxUnitEn = 40;

    [GeneratedRegex("^[A-Z][A-Z0-9_-]{0,19}$")]
    public static partial Regex CodePattern();

    /// <param name="carrier">The carrier whose catalogue is edited (its type selects the catalogue).</param>
    /// <param name="existingCode">Code of the indicator being edited; null to add one.</param>
    public async Task<IndicatorDefinition> HandleAsync(Carrier carrier, string? existingCode, IndicatorInput input, CancellationToken ct = default)
    {
        var cat = await CatalogueForAsync(db, scope, carrier, ct);
        IndicatorDefinition? def = null;
        if (existingCode is not null)
        {
            def = await db.Indicators.FirstOrDefaultAsync(i => i.CatalogueId == cat.Id && i.Code == existingCode, ct)
                  ?? throw new NotFoundException("indicator");
            if (input.Version is { } v && v != def.Version)
                throw new ConflictException("该指标已被他人修改，请刷新后重试", "Someone else changed this indicator; reload and try again");
        }

        var errors = new Errors();
        var code = input.Code?.Trim() ?? "";
        if (def is null)
        {
            if (code.Length == 0)
                errors.Add("code", "required", "指标代码不能为空", "The indicator code is required");
            else if (!CodePattern().IsMatch(code))
                errors.Add("code", "pattern", "指标代码须以大写字母开头，只含大写字母、数字、“_”或“-”，最多 20 个字符（如 I25）",
                    "The indicator code must start with a capital letter and contain only capital letters, digits, '_' or '-', at most 20 characters (e.g. I25)");
            else if (await db.Indicators.AnyAsync(i => i.CatalogueId == cat.Id && i.Code == code, ct))
                errors.Add("code", "unique", $"指标代码“{code}”在本指标体系中已存在", $"The indicator code '{code}' already exists in this catalogue");
        }
        else if (code.Length > 0 && code != def.Code)
        {
            errors.Add("code", "immutable", "指标代码创建后不能修改；请新增指标并停用本指标", "The code of an indicator cannot change; add a new indicator and deactivate this one");
        }

        Text(errors, input.NameZh, "nameZh", MaxNameLength, "指标名称（中文）", "The Chinese name", required: true);
        Text(errors, input.NameEn, "nameEn", MaxNameLength, "指标名称（英文）", "The English name", required: true);
        Text(errors, input.ShortZh, "shortZh", MaxNameLength, "简称", "The short name", required: false);
        Text(errors, input.DimensionZh, "dimensionZh", MaxDimensionZh, "一级指标", "The dimension", required: true);
        Text(errors, input.DimensionEn, "dimensionEn", MaxDimensionEn, "一级指标（英文）", "The English dimension", required: false);
        Text(errors, input.Unit, "unit", MaxUnit, "单位", "The unit", required: false);
        Text(errors, input.UnitEn, "unitEn", MaxUnitEn, "单位（英文）", "The English unit", required: false);
        if (!Enum.IsDefined(input.Direction)) errors.Add("direction", "allowed", "指标方向须为正向或反向", "The direction must be positive or negative");
        if (!Enum.IsDefined(input.Frequency)) errors.Add("frequency", "allowed", "报送频率须为季报、半年报或年报", "The frequency must be quarterly, half-yearly or yearly");
        if (!Enum.IsDefined(input.Source)) errors.Add("source", "allowed", "取值方式须为填报或计算", "The source must be entered or computed");
        if (input.Weight is { } w && (w < 0 || w > 100))
            errors.Add("weight", "range", "权重须为空或在 0 到 100 之间", "The weight must be empty or between 0 and 100");
        if (input.Decimals is < 0 or > 6)
            errors.Add("decimals", "range", "小数位数须在 0 到 6 之间", "The number of decimals must be between 0 and 6");
        if (input.SortOrder is < 0 or > 100_000)
            errors.Add("sortOrder", "range", "排序须在 0 到 100000 之间", "The sort order must be between 0 and 100,000");
        var computation = string.IsNullOrWhiteSpace(input.Computation) ? null : input.Computation.Trim();
        if (input.Source == ValueSource.Computed && !RegistryComputations.Exists(computation))
            errors.Add("computation", "exists", computation is null ? "取值方式为计算时须选择计算方法" : $"计算方法“{computation}”不存在",
                computation is null ? "A computed indicator needs a computation" : $"The computation '{computation}' does not exist");
        if (input.Source == ValueSource.Entered && computation is not null)
            errors.Add("computation", "empty-when-entered", "取值方式为填报时不能指定计算方法", "An entered indicator cannot name a computation");
        if (!errors.Ok) throw new ValidationFailedException(errors);

        var dimensionZh = input.DimensionZh!.Trim();
        var dimensionEn = Clean(input.DimensionEn)
                          ?? await db.Indicators.Where(i => i.CatalogueId == cat.Id && i.DimensionZh == dimensionZh && i.DimensionEn != "")
                              .OrderBy(i => i.SortOrder).Select(i => i.DimensionEn).FirstOrDefaultAsync(ct)
                          ?? dimensionZh;
        var unit = Clean(input.Unit) ?? "";
        var unitEn = Clean(input.UnitEn) ?? ""; // pages fall back to the unit where there is no English one

        if (def is not null)
        {
            // figures already approved keep what they were approved as: refuse a change of what they mean
            var changed = new List<(string Field, string Zh, string En)>();
            if (unit != def.Unit) changed.Add(("unit", "单位", "unit"));
            if (input.Direction != def.Direction) changed.Add(("direction", "指标方向", "direction"));
            if (input.Frequency != def.Frequency) changed.Add(("frequency", "报送频率", "frequency"));
            if (input.Source != def.Source) changed.Add(("source", "取值方式", "source"));
            if (computation != def.Computation) changed.Add(("computation", "计算方法", "computation"));
            if (input.Decimals != def.Decimals) changed.Add(("decimals", "小数位数", "decimals"));
            if (changed.Count > 0)
            {
                var approved = await ApprovedPeriodsAsync(db, def.Id, ct);
                if (approved.Count > 0)
                {
                    var zh = string.Join("、", approved.Select(a => $"{a.CarrierName}{a.Period.Label}"));
                    var en = string.Join(", ", approved.Select(a => $"{a.CarrierName} {a.Period.Label}"));
                    foreach (var (field, fzh, fen) in changed)
                        errors.Add(field, "approved-values",
                            $"指标 {def.Code} 在已批准的期间（{zh}）有数值，不能修改{fzh}，否则会改变已批准数据的含义；请新增一个指标（新代码）并停用本指标",
                            $"Indicator {def.Code} has values in approved periods ({en}): its {fen} cannot change without changing what those approved figures mean; add a new indicator (new code) and deactivate this one instead");
                    throw new ValidationFailedException(errors);
                }
            }
        }
        else
        {
            def = new IndicatorDefinition
            {
                CatalogueId = cat.Id, Code = code,
                SortOrder = input.SortOrder ?? (await db.Indicators.Where(i => i.CatalogueId == cat.Id).MaxAsync(i => (int?)i.SortOrder, ct) ?? 0) + 1,
            };
            db.Indicators.Add(def);
        }

        def.DimensionZh = dimensionZh;
        def.DimensionEn = dimensionEn;
        def.NameZh = input.NameZh!.Trim();
        def.NameEn = input.NameEn!.Trim();
        def.ShortZh = Clean(input.ShortZh) ?? def.NameZh;
        def.Unit = unit;
        def.UnitEn = unitEn;
        def.Direction = input.Direction;
        def.Frequency = input.Frequency;
        def.Source = input.Source;
        def.Computation = input.Source == ValueSource.Computed ? computation : null;
        def.Weight = input.Weight;
        def.Decimals = input.Decimals;
        if (input.SortOrder is { } order) def.SortOrder = order;
        def.Active = input.Active;
        def.Version++;
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { throw new ConflictException("该指标已被他人修改，请刷新后重试", "Someone else changed this indicator; reload and try again"); }
        return def;
    }

    /// <summary>
    /// The catalogue that applies to the carrier (by its type, as <see cref="Catalogues.ForCarrierAsync"/> resolves it),
    /// tracked, if the caller is an authority whose scope includes the carrier; 404 otherwise.
    /// </summary>
    public static async Task<IndicatorCatalogue> CatalogueForAsync(RongtongDb db, CurrentScope scope, Carrier carrier, CancellationToken ct)
    {
        if (!CanEdit(scope, carrier)) throw new NotFoundException("carrier");
        return await db.IndicatorCatalogues.OrderBy(x => x.Id).FirstOrDefaultAsync(x => x.CarrierType == carrier.Type, ct)
               ?? throw new NotFoundException("catalogue");
    }

    /// <summary>May the caller edit the catalogue used by this carrier? (An authority, for the carriers in its scope.)</summary>
    public static bool CanEdit(CurrentScope scope, Carrier carrier) => scope.IsAuthority && scope.CarrierIds.Contains(carrier.Id);

    public sealed record ApprovedPeriod(string CarrierName, Period Period);

    /// <summary>
    /// Periods, of any carrier, in which the indicator has values and that are approved — or were approved and are
    /// waiting for a re-approval after an amendment (their approved figures have been reported already).
    /// </summary>
    public static async Task<List<ApprovedPeriod>> ApprovedPeriodsAsync(RongtongDb db, int indicatorId, CancellationToken ct)
    {
        var rows = await (
                from v in db.IndicatorValues
                where v.IndicatorId == indicatorId
                join p in db.PerformancePeriods on new { v.CarrierId, v.Year, Kind = v.Period } equals new { p.CarrierId, p.Year, p.Kind }
                where p.Status == PeriodStatus.Approved || p.Approvals > 0
                join c in db.Carriers on p.CarrierId equals c.Id
                select new { c.Name, p.Year, p.Kind })
            .Distinct().ToListAsync(ct);
        return rows.Select(r => new ApprovedPeriod(r.Name, new Period(r.Year, r.Kind)))
            .OrderBy(r => r.Period).ThenBy(r => r.CarrierName, StringComparer.Ordinal).ToList();
    }

    private static void Text(Errors errors, string? value, string field, int max, string zh, string en, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) errors.Add(field, "required", $"{zh}不能为空", $"{en} is required");
        }
        else if (value.Trim().Length > max)
            errors.Add(field, "max-length", $"{zh}不能超过 {max} 个字符", $"{en} cannot exceed {max} characters");
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
