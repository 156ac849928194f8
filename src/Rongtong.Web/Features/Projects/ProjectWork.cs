using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Features.Funds;
using Rongtong.Web.Features.Registry.Enterprises;
using Rongtong.Web.Platform.Auth;
using Rongtong.Web.Platform.Data;
using Rongtong.Web.Platform.Errors;
using Rongtong.Web.Platform.Files;
using Rongtong.Web.Platform.Time;

namespace Rongtong.Web.Features.Projects;

/// <summary>What the operator's form or the API says about a sub-project's master data (amounts in 万元 as typed).</summary>
public sealed record SubProjectInput
{
    public string? Code { get; init; }
    public string? Name { get; init; }
    public int? ProgrammeId { get; init; }
    public int? UnitId { get; init; }
    /// <summary>The implementing unit as typed in the form (EnterprisePicker): "name（credit code）", a code or an exact name; when given, it decides the unit instead of <see cref="UnitId"/>.</summary>
    public string? Unit { get; init; }
    public string? Content { get; init; }
    public decimal? TotalInvestment { get; init; }
    public decimal? SpecialFund { get; init; }
    public SubProjectStatus Status { get; init; } = SubProjectStatus.Running;
    public DateOnly? StartOn { get; init; }
    public DateOnly? EndOn { get; init; }
    /// <summary>The version the editor started from; null on create.</summary>
    public int? Version { get; init; }
}

/// <summary>A file to attach: its name as uploaded, its content, an optional caption.</summary>
public sealed record Upload(string FileName, Func<Stream> Open, string? Caption = null);

/// <summary>An upload checked and kept in the file store, not yet attached to anything.</summary>
public sealed record StoredUpload(StoredFile File, string? Caption)
{
    /// <summary>The attachment row for this file; <paramref name="owner"/> sets what it belongs to.</summary>
    public Attachment ToAttachment(string uploadedBy, DateTime uploadedAt, Action<Attachment> owner)
    {
        var a = new Attachment
        {
            FileName = File.FileName, ContentType = File.ContentType, Size = File.Size, Sha256 = File.Sha256, StoreKey = File.Key,
            Caption = string.IsNullOrEmpty(Caption) ? null : Caption, UploadedBy = uploadedBy, UploadedAt = uploadedAt,
        };
        owner(a);
        return a;
    }
}

/// <summary>
/// Changes to sub-projects. The carrier's operator manages them (master data, budget lines, milestones, approval);
/// the implementing unit's users report progress (text, investment, photos and documents) and milestones done on
/// their own sub-projects only. Anything else is "not found", as for records outside the scope.
/// </summary>
public sealed class ProjectWork(RongtongDb db, CurrentScope scope, IFileStore files, TimeProvider clock)
{
    public const int MaxFilesPerUpdate = 10;

    /// <summary>A sub-project of the carrier by code, when this user may read it.</summary>
    public async Task<SubProject> FindAsync(int carrierId, string code, CancellationToken ct = default) =>
        await ProjectList.Visible(db, scope, carrierId).FirstOrDefaultAsync(p => p.Code == code, ct) ?? throw new NotFoundException("sub-project");

    /// <summary>The carrier's operator: master data, budget, milestones, approval.</summary>
    public bool CanManage(SubProject p) => scope.IsOperator && scope.HomeCarrierId == p.CarrierId;

    /// <summary>The operator or the implementing unit's user: progress and milestones done.</summary>
    public bool CanUpdate(SubProject p) => CanManage(p) || (scope.IsEnterpriseUser && p.UnitId is { } u && scope.EnterpriseId == u && scope.HomeCarrierId == p.CarrierId);

    public async Task<SubProject> SaveAsync(int carrierId, SubProjectInput input, int? id = null, CancellationToken ct = default)
    {
        if (!(scope.IsOperator && scope.HomeCarrierId == carrierId) && scope.IsSignedIn) throw new NotFoundException("sub-project");
        var errors = new Errors();
        var code = (input.Code ?? "").Trim();
        var name = (input.Name ?? "").Trim();
        if (code.Length == 0) errors.Add("code", "required", "请填写编号", "the code is required");
        else if (code.Length > 20 || !code.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
            errors.Add("code", "format", "编号最多 20 个字符，只能含字母、数字和 . - _", "at most 20 letters, digits or . - _");
        if (name.Length == 0) errors.Add("name", "required", "请填写项目名称", "the name is required");
        else if (name.Length > 200) errors.Add("name", "max-length", "项目名称不能超过 200 字", "at most 200 characters");
        if (input.Content?.Length > 4000) errors.Add("content", "max-length", "建设内容不能超过 4000 字", "at most 4000 characters");
        var total = Money.FromWanField(input.TotalInvestment, "totalInvestment", errors);
        var special = Money.FromWanField(input.SpecialFund, "specialFund", errors);
        if (special > total && total > 0)
            errors.Add("specialFund", "within-total", $"专项资金 {Money.Wan(special)} 不能超过项目总投资 {Money.Wan(total)}", $"the special fund {Money.Wan(special)} cannot exceed the total investment {Money.Wan(total)}");
        if (input.StartOn is { } s && input.EndOn is { } e && e < s) errors.Add("endOn", "after-start", "完成日期不能早于开始日期", "the end date cannot be before the start");
        if (!Enum.IsDefined(input.Status)) errors.Add("status", "exists", "状态无效", "unknown status");
        if (input.ProgrammeId is { } g && !await db.Programmes.AnyAsync(x => x.Id == g && x.CarrierId == carrierId, ct))
            errors.Add("programmeId", "exists", "工程不属于本载体", "the programme is not the carrier's");
        var unitId = input.Unit is null ? input.UnitId : await EnterprisePicker.ResolveAsync(db, carrierId, input.Unit, EnterprisePicker.Unit, errors, ct);
        if (input.Unit is null && unitId is { } u && !await db.Enterprises.AnyAsync(x => x.Id == u && x.CarrierId == carrierId, ct))
            errors.Add("unitId", "exists", "实施单位不在本载体主体库中", "the implementing unit is not in the carrier's registry");
        if (code.Length > 0 && await db.SubProjects.AnyAsync(x => x.CarrierId == carrierId && x.Code == code && x.Id != (id ?? 0), ct))
            errors.Add("code", "unique", $"编号“{code}”已被使用", $"the code '{code}' is already used");
        SubProject? p = null;
        if (id is { } pid)
        {
            p = await db.SubProjects.FirstOrDefaultAsync(x => x.Id == pid && x.CarrierId == carrierId, ct) ?? throw new NotFoundException("sub-project");
            if (input.Version is { } v && v != p.Version)
                errors.Add("version", "concurrency", "该子项目已被他人修改，请刷新后重试", "someone else changed this sub-project; reload and try again");
            var budget = await db.BudgetLines.Where(b => b.SubProjectId == pid).SumAsync(b => (long?)b.AmountFen, ct) ?? 0;
            if (total > 0 && budget > total)
                errors.Add("totalInvestment", "covers-budget", $"总投资不能少于预算科目合计 {Money.Wan(budget)}", $"the total cannot be below the budget lines' {Money.Wan(budget)}");
        }
        if (!errors.Ok) throw new ValidationFailedException(errors);
        if (p is null) { p = new SubProject { CarrierId = carrierId }; db.SubProjects.Add(p); }
        else p.Version++;
        p.Code = code; p.Name = name; p.ProgrammeId = input.ProgrammeId; p.UnitId = unitId; p.Content = input.Content?.Trim();
        p.TotalInvestmentFen = total; p.SpecialFundFen = special; p.Status = input.Status; p.StartOn = input.StartOn; p.EndOn = input.EndOn;
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException)
        {
            throw new ValidationFailedException([new("version", "concurrency", "该子项目已被他人修改，请刷新后重试", "someone else changed this sub-project; reload and try again")]);
        }
        return p;
    }

    /// <summary>Adds a budget line; the lines together stay within the total investment and the special fund's part.</summary>
    public async Task<BudgetLine> AddBudgetLineAsync(SubProject p, string category, string item, decimal? amount, decimal? specialFund, CancellationToken ct = default)
    {
        if (!CanManage(p) && scope.IsSignedIn) throw new NotFoundException("sub-project");
        var errors = new Errors();
        if (!SpendingCategories.Exists(category)) errors.Add("category", "exists", $"支出类别“{category}”不存在", $"unknown spending category '{category}'");
        item = (item ?? "").Trim();
        if (item.Length == 0) errors.Add("item", "required", "请填写科目内容", "the item is required");
        else if (item.Length > 200) errors.Add("item", "max-length", "科目内容不能超过 200 字", "at most 200 characters");
        var a = Money.FromWanField(amount, "amount", errors);
        var s = Money.FromWanField(specialFund, "specialFund", errors);
        if (a <= 0 && errors.Ok) errors.Add("amount", "positive", "预算金额须大于零", "the amount must be positive");
        if (s > a) errors.Add("specialFund", "within-amount", "其中专项资金不能超过预算金额", "the special fund part cannot exceed the amount");
        if (!errors.Ok) throw new ValidationFailedException(errors);
        var sums = await db.BudgetLines.Where(b => b.SubProjectId == p.Id).GroupBy(b => 1)
            .Select(g => new { A = g.Sum(b => b.AmountFen), S = g.Sum(b => b.SpecialFundFen) }).SingleOrDefaultAsync(ct);
        long sumA = (sums?.A ?? 0) + a, sumS = (sums?.S ?? 0) + s;
        if (p.TotalInvestmentFen > 0 && sumA > p.TotalInvestmentFen)
            errors.Add("amount", "within-total", $"预算科目合计 {Money.Wan(sumA)} 将超出项目总投资 {Money.Wan(p.TotalInvestmentFen)}，超出 {Money.Wan(sumA - p.TotalInvestmentFen)}",
                $"the budget lines would total {Money.Wan(sumA)}, above the total investment {Money.Wan(p.TotalInvestmentFen)} by {Money.Wan(sumA - p.TotalInvestmentFen)}");
        if (p.SpecialFundFen > 0 && sumS > p.SpecialFundFen)
            errors.Add("specialFund", "within-special-fund", $"专项资金科目合计 {Money.Wan(sumS)} 将超出项目专项资金 {Money.Wan(p.SpecialFundFen)}，超出 {Money.Wan(sumS - p.SpecialFundFen)}",
                $"the special-fund parts would total {Money.Wan(sumS)}, above the sub-project's {Money.Wan(p.SpecialFundFen)} by {Money.Wan(sumS - p.SpecialFundFen)}");
        if (!errors.Ok) throw new ValidationFailedException(errors);
        var line = new BudgetLine { SubProjectId = p.Id, Category = category, Item = item, AmountFen = a, SpecialFundFen = s };
        db.BudgetLines.Add(line);
        await db.SaveChangesAsync(ct);
        return line;
    }

    public async Task<Milestone> AddMilestoneAsync(SubProject p, string name, DateOnly? dueOn, CancellationToken ct = default)
    {
        if (!CanManage(p) && scope.IsSignedIn) throw new NotFoundException("sub-project");
        var errors = new Errors();
        name = (name ?? "").Trim();
        if (name.Length == 0) errors.Add("name", "required", "请填写里程碑名称", "the milestone name is required");
        else if (name.Length > 200) errors.Add("name", "max-length", "里程碑名称不能超过 200 字", "at most 200 characters");
        DateRules.InRange(dueOn, Today, "dueOn", "计划完成日期", "the due date", future: true, errors);
        if (!errors.Ok) throw new ValidationFailedException(errors);
        var m = new Milestone { SubProjectId = p.Id, Name = name, DueOn = dueOn!.Value };
        db.Milestones.Add(m);
        await db.SaveChangesAsync(ct);
        return m;
    }

    /// <summary>The implementing unit (or the operator) reports a milestone done on a date.</summary>
    public async Task<Milestone> ReportMilestoneAsync(SubProject p, int milestoneId, DateOnly? doneOn, CancellationToken ct = default)
    {
        if (!CanUpdate(p) && scope.IsSignedIn) throw new NotFoundException("sub-project");
        var m = await db.Milestones.FirstOrDefaultAsync(x => x.Id == milestoneId && x.SubProjectId == p.Id, ct) ?? throw new NotFoundException("milestone");
        var errors = new Errors();
        if (!DateRules.InRange(doneOn, Today, "doneOn", "完成日期", "the date done", future: false, errors)) throw new ValidationFailedException(errors);
        if (m.State == MilestoneState.Approved) throw new ValidationFailedException([new("milestone", "approved", "该里程碑已验收", "the milestone is already approved")]);
        m.State = MilestoneState.Reported; m.DoneOn = doneOn; m.ReportedBy = Who;
        await SaveMilestoneAsync(ct);
        return m;
    }

    /// <summary>The operator approves (验收) a milestone; disbursements gated on it may then be made.</summary>
    public async Task<Milestone> ApproveMilestoneAsync(SubProject p, int milestoneId, CancellationToken ct = default)
    {
        if (!CanManage(p) && scope.IsSignedIn) throw new NotFoundException("sub-project");
        var m = await db.Milestones.FirstOrDefaultAsync(x => x.Id == milestoneId && x.SubProjectId == p.Id, ct) ?? throw new NotFoundException("milestone");
        if (m.State != MilestoneState.Reported)
            throw new ValidationFailedException([new("milestone", "reported-first", m.State == MilestoneState.Approved ? "该里程碑已验收" : "实施单位报告完成后才能验收",
                m.State == MilestoneState.Approved ? "the milestone is already approved" : "the milestone must be reported done before approval")]);
        m.State = MilestoneState.Approved; m.ApprovedBy = Who; m.ApprovedAt = clock.GetUtcNow().UtcDateTime;
        await SaveMilestoneAsync(ct);
        return m;
    }

    /// <summary>Saves a milestone's change of state; refused when someone else changed its state meanwhile (approved it).</summary>
    private async Task SaveMilestoneAsync(CancellationToken ct)
    {
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException)
        {
            throw new ValidationFailedException([new("milestone", "changed", "该里程碑刚被他人验收或修改，请刷新后查看", "someone else just approved or changed the milestone; reload to see it")]);
        }
    }

    /// <summary>
    /// Records a dated progress update with its photos and documents. Every file is checked (type by content, size)
    /// before anything is written: one bad file refuses the whole update, naming the file.
    /// </summary>
    public async Task<ProgressUpdate> AddProgressAsync(SubProject p, DateOnly? on, string? text, decimal? invested, IReadOnlyList<Upload> uploads, CancellationToken ct = default)
    {
        if (!CanUpdate(p) && scope.IsSignedIn) throw new NotFoundException("sub-project");
        var errors = new Errors();
        text = (text ?? "").Trim();
        if (text.Length == 0) errors.Add("text", "required", "请填写进展情况", "the progress text is required");
        else if (text.Length > 8000) errors.Add("text", "max-length", "进展情况不能超过 8000 字", "at most 8000 characters");
        DateRules.InRange(on, Today, "on", "日期", "the date", future: false, errors);
        long? investedFen = invested is null ? null : Money.FromWanField(invested, "invested", errors);
        if (investedFen is { } inv && on is { } d)
        {
            // cumulative: not below any figure dated up to this day, nor above any dated after it (a back-dated update)
            var recorded = db.ProgressUpdates.Where(u => u.SubProjectId == p.Id && u.InvestedFen != null);
            var before = await recorded.Where(u => u.On <= d).MaxAsync(u => u.InvestedFen, ct);
            var after = await recorded.Where(u => u.On > d).MinAsync(u => u.InvestedFen, ct);
            if (before is { } b && inv < b)
                errors.Add("invested", "cumulative", $"累计完成投资不能少于此前记录的 {Money.Wan(b)}", $"the cumulative investment cannot be below the {Money.Wan(b)} recorded before");
            else if (after is { } later && inv > later)
                errors.Add("invested", "cumulative", $"累计完成投资不能多于其后日期记录的 {Money.Wan(later)}", $"the cumulative investment cannot exceed the {Money.Wan(later)} recorded on a later date");
        }
        await CheckAsync(uploads, errors, ct);
        if (!errors.Ok) throw new ValidationFailedException(errors);
        var stored = await StoreAsync(uploads, ct);
        var update = new ProgressUpdate { SubProjectId = p.Id, On = on!.Value, Text = text, InvestedFen = investedFen, CreatedBy = Who, CreatedAt = Now };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.ProgressUpdates.Add(update);
        await db.SaveChangesAsync(ct);
        db.Attachments.AddRange(stored.Select(s => s.ToAttachment(Who, Now, a => a.ProgressUpdateId = update.Id)));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return update;
    }

    /// <summary>
    /// Checks every file (count, caption, type by content, size, pixels), each refused file named in its error, before
    /// anything is stored: a request with one bad file leaves no file behind.
    /// </summary>
    public static async Task CheckAsync(IReadOnlyList<Upload> uploads, Errors errors, CancellationToken ct)
    {
        if (uploads.Count > MaxFilesPerUpdate)
        {
            errors.Add("files", "max-count", $"每次最多上传 {MaxFilesPerUpdate} 个文件", $"at most {MaxFilesPerUpdate} files at once");
            return;
        }
        foreach (var u in uploads)
        {
            var name = UploadCheck.SafeName(u.FileName);
            if (u.Caption?.Length > 200) errors.Add("caption", "max-length", $"{name}：说明不能超过 200 字", $"{name}: a caption has at most 200 characters");
            try
            {
                await using var s = u.Open();
                await UploadCheck.ReadAsync(s, u.FileName, ct);
            }
            catch (ValidationFailedException ex)
            {
                errors.AddRange(ex.Errors.Select(e => e with { MessageZh = $"{name}：{e.MessageZh}", MessageEn = $"{name}: {e.MessageEn}" }));
            }
        }
    }

    /// <summary>
    /// Stores files that <see cref="CheckAsync"/> accepted. The store is content-addressed, so a file kept for an entry
    /// whose transaction then fails does no harm; <c>files sweep</c> removes such files.
    /// </summary>
    public async Task<List<StoredUpload>> StoreAsync(IReadOnlyList<Upload> uploads, CancellationToken ct)
    {
        var list = new List<StoredUpload>(uploads.Count);
        foreach (var u in uploads)
        {
            await using var s = u.Open();
            list.Add(new(await files.SaveAsync(s, u.FileName, ct), u.Caption?.Trim()));
        }
        return list;
    }

    private string Who => scope.IsSignedIn ? scope.UserName : db.Actor.Name;
    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    private DateOnly Today => clock.Today();
}
