using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Features.Performance.Computations;
using Rongtong.Web.Features.Performance.Evaluation;
using Rongtong.Web.Features.Registry;
using Rongtong.Web.Platform.Auth;
using Rongtong.Web.Platform.Data;
using Rongtong.Web.Platform.Errors;
using Rongtong.Web.Platform.Files;

namespace Rongtong.Web.Features.Performance.Workflow;

/// <summary>What an operator enters for one indicator in one period (one value kind at a time).</summary>
public sealed record ValueInput
{
    public string Indicator { get; init; } = "";
    public string Period { get; init; } = "";
    public ValueKind Kind { get; init; } = ValueKind.Actual;
    /// <summary>Empty clears an entered value (or an override).</summary>
    public decimal? Value { get; init; }
    /// <summary>Required to replace a computed actual.</summary>
    public string? OverrideReason { get; init; }
    /// <summary>For a baseline: the year whose actual it is.</summary>
    public int? ReferenceYear { get; init; }
    public string? Note { get; init; }
    /// <summary>未达到绩效目标的原因 (on the actual).</summary>
    public string? MissReason { get; init; }
    /// <summary>Required to change a value of an approved period (the period then needs a re-approval).</summary>
    public string? AmendReason { get; init; }
    /// <summary>The row version the user saw (optimistic concurrency); null for a new value.</summary>
    public int? Version { get; init; }
}

/// <summary>
/// The workflow of a carrier's indicator values: draft → submitted → approved (locked). The operator enters and
/// submits; a reviewer (the authority) returns single values with a message or approves. Approval freezes computed
/// values; a change after approval needs a reason and a re-approval. Every change is audited.
/// </summary>
public sealed class IndicatorWorkflow(RongtongDb db, CurrentScope scope, ValidatePeriod validate, RegistryComputations computations, IFileStore files, TimeProvider clock)
{
    public async Task<IndicatorValue> SaveAsync(Carrier carrier, ValueInput input, CancellationToken ct = default)
    {
        if (!scope.IsOperator || scope.HomeCarrierId != carrier.Id) throw new NotFoundException("carrier");
        var errors = new Errors();
        var period = ParsePeriod(input.Period, errors);
        var (_, indicators) = await Catalogues.ForCarrierAsync(db, carrier, ct);
        var def = indicators.FirstOrDefault(i => i.Code == input.Indicator);
        if (def is null) errors.Add("indicator", "exists", $"指标“{input.Indicator}”不存在", $"indicator '{input.Indicator}' does not exist");
        if (!errors.Ok) throw new ValidationFailedException(errors);
        var p = period!.Value;
        if (!p.Applies(def!.Frequency))
            errors.Add("period", "frequency", $"该指标为{FrequencyZh(def.Frequency)}，不能填报{p.Label}", $"the indicator is reported {def.Frequency}; {p.Label} does not apply");
        if (input.Value is { } v)
        {
            if (def.IsPercent && (v < 0 || v > 100)) errors.Add("value", "percent-range", "百分比须在 0 到 100 之间", "a percentage must be between 0 and 100");
            if (v < 0 && !def.IsPercent) errors.Add("value", "non-negative", "数值不能为负", "the value cannot be negative");
            if (Math.Abs(v) >= 1_000_000_000_000m) errors.Add("value", "range", "数值过大", "the value is too large");
        }
        var computedActual = def.Source == ValueSource.Computed && input.Kind == ValueKind.Actual && RegistryComputations.Computes(def.Computation, p.Kind);
        if (computedActual && input.Value is not null && string.IsNullOrWhiteSpace(input.OverrideReason))
            errors.Add("overrideReason", "required", "该指标由系统计算；人工覆盖须填写理由", "this indicator is computed: an override needs a reason");
        if (input.ReferenceYear is { } ry && (input.Kind != ValueKind.Baseline || ry > p.Year || ry < 2000))
            errors.Add("referenceYear", "range", "基准年份须不晚于本期年份，且仅用于基准值", "the reference year applies to baselines and cannot be after the period");
        foreach (var (field, text, max) in new[] { ("note", input.Note, 2000), ("overrideReason", input.OverrideReason, 1000), ("missReason", input.MissReason, 4000), ("amendReason", input.AmendReason, 1000) })
            if (text?.Length > max) errors.Add(field, "max-length", $"不能超过 {max} 字", $"at most {max} characters");

        var state = await PeriodStateAsync(carrier.Id, p, ct);
        var existing = await db.IndicatorValues.Include(x => x.Evidence).FirstOrDefaultAsync(x => x.CarrierId == carrier.Id && x.IndicatorId == def.Id && x.Year == p.Year && x.Period == p.Kind && x.Kind == input.Kind, ct);
        switch (state.Status)
        {
            case PeriodStatus.Submitted when existing?.ReturnMessage is null:
                errors.Add("period", "locked", "本期已报送，只能修改被退回的值", "the period is submitted: only returned values can be changed");
                break;
            case PeriodStatus.Approved when string.IsNullOrWhiteSpace(input.AmendReason):
                errors.Add("amendReason", "required", "本期已批准；修改须填写修改理由，并需重新批准", "the period is approved: a change needs a reason and a re-approval");
                break;
        }
        if (existing is not null && input.Version is { } ver && ver != existing.Version)
            throw new ConflictException("该值已被他人修改，请刷新后重试", "the value was changed by someone else; reload and try again");
        if (!errors.Ok) throw new ValidationFailedException(errors);

        var now = clock.GetUtcNow().UtcDateTime;
        var row = existing ?? Add(carrier.Id, def.Id, p, input.Kind);
        if (computedActual)
        {
            if (input.Value is { } ov)
            {
                var live = (await computations.ComputeAsync(carrier.Id, p, ct)).GetValueOrDefault(def.Computation!);
                row.ComputedValue = live?.Value;
                row.Value = ov;
                row.IsOverride = true;
                row.OverrideReason = input.OverrideReason!.Trim();
            }
            else
            {
                // no value: back to the live computation (an override cleared, or a value frozen at submission that the
                // reviewer returned because the registry was wrong); frozen again at approval
                row.Value = null;
                row.ComputedValue = null;
                row.IsOverride = false;
                row.OverrideReason = null;
            }
        }
        else row.Value = input.Value;
        if (input.Kind == ValueKind.Baseline) row.ReferenceYear = input.ReferenceYear;
        row.Note = Clean(input.Note);
        if (input.Kind == ValueKind.Actual) row.MissReason = Clean(input.MissReason);
        row.EnteredBy = scope.UserName;
        row.EnteredAt = now;
        row.ReturnMessage = null;
        row.ReturnedBy = null;
        row.Version++;
        if (state.Status == PeriodStatus.Approved)
        {
            // a change after approval: the period needs a re-approval; the reason is the note of this change
            state.Status = PeriodStatus.Submitted;
            state.SubmittedBy = scope.UserName;
            state.SubmittedAt = now;
            row.Note = $"[{now:yyyy-MM-dd}] {input.AmendReason!.Trim()}" + (row.Note is null ? "" : $" — {row.Note}");
        }
        state.Version++; // a save that meets a submission or an approval of the period: the later one is refused
        await SaveOrConflictAsync(ct);
        return row;
    }

    /// <summary>Attaches an evidence file (佐证材料) to a recorded value, while the value can still be changed.</summary>
    public async Task<EvidenceFile> AttachAsync(Carrier carrier, Period p, string indicator, ValueKind kind, Stream content, string fileName, CancellationToken ct = default)
    {
        if (!scope.IsOperator || scope.HomeCarrierId != carrier.Id) throw new NotFoundException("carrier");
        var row = await db.IndicatorValues.Include(v => v.Indicator)
            .FirstOrDefaultAsync(v => v.CarrierId == carrier.Id && v.Indicator!.Code == indicator && v.Year == p.Year && v.Period == p.Kind && v.Kind == kind, ct);
        if (row?.Value is null)
            throw new ValidationFailedException([new("file", "value-first", "请先填写该值，再上传佐证材料", "enter the value before attaching evidence")]);
        var state = await PeriodStateAsync(carrier.Id, p, ct);
        if (state.Status == PeriodStatus.Approved || (state.Status == PeriodStatus.Submitted && row.ReturnMessage is null))
            throw new ValidationFailedException([new("file", "locked", "本期已报送或已批准，不能再添加材料", "the period is submitted or approved: evidence cannot be added")]);
        var stored = await files.SaveAsync(content, fileName, ct);
        var file = new EvidenceFile
        {
            ValueId = row.Id, FileName = stored.FileName, ContentType = stored.ContentType, Size = stored.Size, Sha256 = stored.Sha256,
            StoreKey = stored.Key, UploadedBy = scope.UserName, UploadedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.EvidenceFiles.Add(file);
        state.Version++;
        await SaveOrConflictAsync(ct);
        return file;
    }

    /// <summary>
    /// Draft → submitted, when validation has no error-level finding. Computed values are frozen as submitted: the
    /// reviewer approves the figures the operator sent, not what the registry says by the time of the review.
    /// </summary>
    public async Task<PerformancePeriod> SubmitAsync(Carrier carrier, Period p, CancellationToken ct = default)
    {
        if (!scope.IsOperator || scope.HomeCarrierId != carrier.Id) throw new NotFoundException("carrier");
        var state = await PeriodStateAsync(carrier.Id, p, ct);
        if (state.Status != PeriodStatus.Draft)
            throw new ValidationFailedException([new("period", "state", $"{p.Label}已报送或已批准", $"{p.Label} is already submitted or approved")]);
        await FreezeAsync(carrier, p, await RequireNoErrorsAsync(carrier, p, ct), ct);
        state.Status = PeriodStatus.Submitted;
        state.SubmittedBy = scope.UserName;
        state.SubmittedAt = clock.GetUtcNow().UtcDateTime;
        state.Version++;
        await SaveOrConflictAsync(ct);
        return state;
    }

    /// <summary>The reviewer returns one value with a message; the rest of the period stays submitted.</summary>
    public async Task<IndicatorValue> ReturnAsync(Carrier carrier, Period p, string indicator, ValueKind kind, string message, CancellationToken ct = default)
    {
        RequireReviewer(carrier);
        var state = await PeriodStateAsync(carrier.Id, p, ct);
        var errors = new Errors();
        if (state.Status != PeriodStatus.Submitted) errors.Add("period", "state", "只有已报送的期间可以退回", "only a submitted period can be returned");
        if (string.IsNullOrWhiteSpace(message)) errors.Add("message", "required", "请填写退回意见", "a message is required");
        else if (message.Length > 1000) errors.Add("message", "max-length", "不能超过 1000 字", "at most 1000 characters");
        var (_, indicators) = await Catalogues.ForCarrierAsync(db, carrier, ct);
        var def = indicators.FirstOrDefault(i => i.Code == indicator);
        if (def is null) errors.Add("indicator", "exists", $"指标“{indicator}”不存在", $"indicator '{indicator}' does not exist");
        if (!errors.Ok) throw new ValidationFailedException(errors);
        var row = await db.IndicatorValues.FirstOrDefaultAsync(x => x.CarrierId == carrier.Id && x.IndicatorId == def!.Id && x.Year == p.Year && x.Period == p.Kind && x.Kind == kind, ct)
            ?? Add(carrier.Id, def!.Id, p, kind);
        row.ReturnMessage = message.Trim();
        row.ReturnedBy = scope.UserName;
        row.Version++;
        state.Version++; // a return that meets an approval: the later one is refused
        await SaveOrConflictAsync(ct);
        return row;
    }

    /// <summary>Submitted → approved: no returned value outstanding, no error finding; computed values are frozen.</summary>
    public async Task<PerformancePeriod> ApproveAsync(Carrier carrier, Period p, int? version = null, CancellationToken ct = default)
    {
        RequireReviewer(carrier);
        var state = await PeriodStateAsync(carrier.Id, p, ct);
        if (version is { } v && v != state.Version) throw new ConflictException("本期状态已变化，请刷新后重试", "the period changed; reload and try again");
        if (state.Status != PeriodStatus.Submitted)
            throw new ValidationFailedException([new("period", "state", "只有已报送的期间可以批准", "only a submitted period can be approved")]);
        var e = await RequireNoErrorsAsync(carrier, p, ct);
        var returned = e.Rows.Where(r => r.Returned).Select(r => r.Indicator.Code).ToList();
        if (returned.Count > 0)
            throw new ValidationFailedException([new("period", "returned", $"尚有被退回的值未修改：{string.Join("、", returned)}", $"returned values are not yet corrected: {string.Join(", ", returned)}")]);
        // values computed again since submission (an override cleared after a return or an amendment) are frozen now
        await FreezeAsync(carrier, p, e, ct);
        state.Status = PeriodStatus.Approved;
        state.ApprovedTotal = e.Total;
        state.ApprovedBy = scope.UserName;
        state.ApprovedAt = clock.GetUtcNow().UtcDateTime;
        state.Approvals++;
        state.Version++;
        await SaveOrConflictAsync(ct);
        return state;
    }

    /// <summary>Records each live computed actual as the period's value (its origin becomes Frozen).</summary>
    private async Task FreezeAsync(Carrier carrier, Period p, PeriodEvaluation e, CancellationToken ct)
    {
        foreach (var r in e.Rows.Where(r => r.Actual.Origin == Origin.Computed))
        {
            var row = await db.IndicatorValues.FirstOrDefaultAsync(x => x.CarrierId == carrier.Id && x.IndicatorId == r.Indicator.Id && x.Year == p.Year && x.Period == p.Kind && x.Kind == ValueKind.Actual, ct)
                ?? Add(carrier.Id, r.Indicator.Id, p, ValueKind.Actual);
            row.Value = r.Actual.Value;
            row.ComputedValue = r.Actual.Value;
            row.Version++;
        }
    }

    /// <summary>
    /// Saves a change of the period's values or state. Two users at once (two approvals, a first value saved while the
    /// period is first submitted): the period's version, or the row the other one inserted first, refuses the second.
    /// </summary>
    private async Task SaveOrConflictAsync(CancellationToken ct)
    {
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || DbErrors.IsUniqueViolation(ex))
        {
            throw new ConflictException("本期的值或状态刚被他人修改，请刷新后重试", "the period's values or state were just changed by someone else; reload and try again");
        }
    }

    private IndicatorValue Add(int carrierId, int indicatorId, Period p, ValueKind kind)
    {
        var row = new IndicatorValue { CarrierId = carrierId, IndicatorId = indicatorId, Year = p.Year, Period = p.Kind, Kind = kind };
        db.IndicatorValues.Add(row);
        return row;
    }

    private async Task<PeriodEvaluation> RequireNoErrorsAsync(Carrier carrier, Period p, CancellationToken ct)
    {
        var (e, findings) = await validate.HandleAsync(carrier, p, ct);
        var blocking = findings.Where(f => f.Severity == Severity.Error).ToList();
        if (blocking.Count > 0)
            throw new ValidationFailedException(blocking.Select(f => new FieldError(f.Indicator, f.Rule, f.MessageZh, f.MessageEn)).ToList());
        return e;
    }

    private void RequireReviewer(Carrier carrier)
    {
        if (!scope.IsAuthority || !scope.CarrierIds.Contains(carrier.Id)) throw new NotFoundException("carrier");
    }

    /// <summary>The period's state row (created as a draft on first use; tracked).</summary>
    public async Task<PerformancePeriod> PeriodStateAsync(int carrierId, Period p, CancellationToken ct)
    {
        var state = await db.PerformancePeriods.FirstOrDefaultAsync(x => x.CarrierId == carrierId && x.Year == p.Year && x.Kind == p.Kind, ct);
        if (state is not null) return state;
        state = new PerformancePeriod { CarrierId = carrierId, Year = p.Year, Kind = p.Kind };
        db.PerformancePeriods.Add(state);
        return state;
    }

    public static Period? ParsePeriod(string? s, Errors errors)
    {
        if (Performance.Period.TryParse(s, out var p)) return p;
        errors.Add("period", "format", $"期间“{s}”无效（示例：2020、2021Q3、2021H1）", $"invalid period '{s}' (e.g. 2020, 2021Q3, 2021H1)");
        return null;
    }

    public static string FrequencyZh(Frequency f) => f switch { Frequency.Quarter => "季报", Frequency.HalfYear => "半年报", _ => "年报" };

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
