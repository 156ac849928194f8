using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Features.Registry;
using Rongtong.Web.Features.Registry.Rules;
using Rongtong.Web.Platform.Auth;
using Rongtong.Web.Platform.Data;
using Rongtong.Web.Platform.Errors;
using Rongtong.Web.Platform.Time;

namespace Rongtong.Web.Features.Integration;

/// <summary>A demand as the form or the API gives it (the budget in 万元).</summary>
public sealed record DemandInput
{
    public DealKind? Kind { get; init; }
    public string? Title { get; init; }
    public string? Description { get; init; }
    public decimal? Budget { get; init; }
    public DateOnly? Deadline { get; init; }
}

/// <summary>An SME's answer (the price quoted, in 万元).</summary>
public sealed record AnswerInput
{
    public string? Proposal { get; init; }
    public decimal? Price { get; init; }
}

/// <summary>The leading enterprise's selection of an answer: the contract it signed.</summary>
public sealed record SelectInput
{
    public int? AnswerId { get; init; }
    public string? ContractNo { get; init; }
    public DateOnly? SignedOn { get; init; }
    public decimal? Amount { get; init; }
}

/// <summary>A demand with its publisher's name, the answers this user may read, and whether it takes answers today.</summary>
public sealed record DemandView(Demand Demand, string LeadingName, List<DemandAnswer> Answers, bool TakesAnswers);

/// <summary>
/// 发榜 / 揭榜. A leading enterprise's user posts a demand; the operator publishes or rejects it; the carrier's enterprise users read open demands and an SME answers one until its deadline; the leading
/// enterprise (or the operator) selects one answer, which records a confirmed deal and closes the demand. Answers are
/// read by the demand's leading enterprise, the operator and the authority, and each SME reads its own.
/// </summary>
public sealed class DemandWork(RongtongDb db, CurrentScope scope, TimeProvider clock, DealWork deals)
{
    private bool IsOperatorOf(int carrierId) => scope.IsOperator && scope.HomeCarrierId == carrierId;
    private bool IsPublisher(Demand d) => scope.IsEnterpriseUser && scope.EnterpriseId == d.LeadingId && scope.HomeCarrierId == d.CarrierId;
    private bool ReadsAll(int carrierId) => !scope.IsSignedIn || (scope.CanReadRegistry && scope.CarrierIds.Contains(carrierId));

    /// <summary>The demands this user may read: published ones for anyone of the carrier, the rest for their publisher and the operator.</summary>
    public IQueryable<Demand> Visible(int carrierId)
    {
        var q = db.Demands.AsNoTracking().Where(d => d.CarrierId == carrierId);
        if (ReadsAll(carrierId)) return q;
        if (!scope.IsEnterpriseUser || scope.HomeCarrierId != carrierId) return q.Where(d => false);
        var own = scope.EnterpriseId;
        return q.Where(d => d.State == DemandState.Open || d.State == DemandState.Closed || d.LeadingId == own);
    }

    /// <summary>A leading enterprise's user posts its own demands (the operator reviews them).</summary>
    public bool CanPost(int carrierId, bool ownIsLeading) => ownIsLeading && scope.IsEnterpriseUser && scope.HomeCarrierId == carrierId;
    public bool CanReview(Demand d) => d.State == DemandState.Submitted && IsOperatorOf(d.CarrierId);
    public bool CanSelect(Demand d) => d.State == DemandState.Open && (IsOperatorOf(d.CarrierId) || IsPublisher(d));
    public bool TakesAnswers(Demand d) => d.State == DemandState.Open && d.Deadline >= clock.Today();

    /// <summary>Who may answer (揭榜): an SME — neither a leading enterprise nor one classed large in its latest year.</summary>
    public static bool MayAnswer(ChainRole role, SizeClass? size) => role != ChainRole.Leading && size != SizeClass.Large;

    /// <summary>Whether this user may know how many answers a demand has (an SME only sees its own).</summary>
    public bool SeesAnswers(Demand d) => ReadsAll(d.CarrierId) || IsPublisher(d);

    /// <summary>The demands this user may read, open ones first; the number of answers only for those who may read them.</summary>
    public async Task<List<(Demand Demand, string LeadingName, int? Answers)>> ListAsync(int carrierId, CancellationToken ct = default) =>
        (await Visible(carrierId).OrderBy(d => d.State == DemandState.Open ? 0 : d.State == DemandState.Submitted ? 1 : 2).ThenBy(d => d.Deadline)
            .Select(d => new { d, d.Leading!.Name, N = db.DemandAnswers.Count(a => a.DemandId == d.Id) }).ToListAsync(ct))
        .Select(x => (x.d, x.Name, SeesAnswers(x.d) ? x.N : (int?)null)).ToList();

    public async Task<DemandView> ViewAsync(int carrierId, int id, CancellationToken ct = default)
    {
        var d = await Visible(carrierId).Include(x => x.Leading).FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("demand");
        var answers = db.DemandAnswers.AsNoTracking().Include(a => a.Sme).Where(a => a.DemandId == id);
        if (!(ReadsAll(carrierId) || IsPublisher(d))) answers = answers.Where(a => a.SmeId == scope.EnterpriseId);
        return new DemandView(d, d.Leading!.Name, await answers.OrderBy(a => a.AnsweredAt).ToListAsync(ct), TakesAnswers(d));
    }

    public async Task<Demand> PostAsync(int carrierId, DemandInput input, CancellationToken ct = default)
    {
        var errors = new Errors();
        if (scope.EnterpriseId is not { } leadingId || scope.HomeCarrierId != carrierId
            || !await db.Enterprises.AnyAsync(e => e.Id == leadingId && e.ChainRole == ChainRole.Leading, ct))
            throw Refused("leading", "需求由本载体龙头企业的用户发布", "a demand is posted by a user of one of the carrier's leading enterprises", "own");
        if (input.Kind is not { } kind) errors.Add("kind", "required", "请选择需求类型", "the kind is required");
        else if (!Enum.IsDefined(kind)) errors.Add("kind", "exists", "需求类型无效", "unknown kind of demand");
        var title = (input.Title ?? "").Trim();
        if (title.Length == 0) errors.Add("title", "required", "请填写需求名称", "the title is required");
        else if (title.Length > 200) errors.Add("title", "max-length", "需求名称不能超过 200 字", "the title: at most 200 characters");
        TextRules.NoHidden(title, errors, "title", "需求名称", "The title");
        var description = (input.Description ?? "").Trim();
        if (description.Length == 0) errors.Add("description", "required", "请填写需求说明", "the description is required");
        else if (description.Length > 4000) errors.Add("description", "max-length", "需求说明不能超过 4000 字", "the description: at most 4000 characters");
        var budget = input.Budget is null ? (long?)null : Funds.Money.FromWanField(input.Budget, "budget", errors);
        if (budget == 0 && errors.All(e => e.Field != "budget")) errors.Add("budget", "positive", "预算须大于零，或不填", "the budget must be positive, or left empty");
        if (DateRules.InRange(input.Deadline, clock.Today(), "deadline", "截止日期", "the deadline", future: true, errors) && input.Deadline < clock.Today())
            errors.Add("deadline", "future", "截止日期不能早于今天", "the deadline cannot be before today");
        if (!errors.Ok) throw new ValidationFailedException(errors);
        var d = new Demand
        {
            CarrierId = carrierId, LeadingId = leadingId, Kind = input.Kind!.Value, Title = title, Description = description, BudgetFen = budget,
            Deadline = input.Deadline!.Value, State = DemandState.Submitted, PostedBy = scope.UserName, PostedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Demands.Add(d);
        await db.SaveChangesAsync(ct);
        return d;
    }

    /// <summary>The operator publishes a submitted demand, or rejects it with a note.</summary>
    public async Task<Demand> ReviewAsync(int carrierId, int id, bool? publishing, string? note, CancellationToken ct = default)
    {
        var d = await TrackedAsync(carrierId, id, ct);
        if (!IsOperatorOf(carrierId)) throw Refused("state", "只有载体运营方可以审核需求", "only the carrier's operator reviews demands");
        if (d.State != DemandState.Submitted) throw Refused("state", "该需求已审核", "the demand was already reviewed");
        if (publishing is not { } publish) throw Refused("publish", "请选择发布或退回", "say whether to publish or reject", "required");
        if (publish && d.Deadline < clock.Today())
            throw Refused("deadline", $"该需求的截止日期 {d.Deadline:yyyy-MM-dd} 已过，不能发布", $"the demand's deadline {d.Deadline:yyyy-MM-dd} has passed; it cannot be published", "future");
        note = note?.Trim();
        if (!publish && string.IsNullOrEmpty(note)) throw Refused("note", "退回需求须填写意见", "a rejection needs a note", "required");
        if (note?.Length > 500 || (note is not null && TextRules.HasHidden(note))) throw Refused("note", "审核意见最多 500 字，且不能含控制字符", "the note: at most 500 characters, no control characters", "format");
        d.State = publish ? DemandState.Open : DemandState.Rejected;
        d.ReviewNote = string.IsNullOrEmpty(note) ? null : note;
        await SaveAsync(ct);
        return d;
    }

    /// <summary>An SME's user answers an open demand before its deadline, once.</summary>
    public async Task<DemandAnswer> AnswerAsync(int carrierId, int id, AnswerInput input, CancellationToken ct = default)
    {
        var d = await Visible(carrierId).FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("demand");
        if (scope.EnterpriseId is not { } own || !scope.IsEnterpriseUser || scope.HomeCarrierId != carrierId)
            throw Refused("sme", "只有本载体的中小企业可以揭榜", "only an SME of this carrier can answer");
        var sme = await db.Enterprises.AsNoTracking().Where(e => e.Id == own).Select(e => new { e.ChainRole, e.SizeClass }).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("enterprise");
        var errors = new Errors();
        if (!MayAnswer(sme.ChainRole, sme.SizeClass))
            errors.Add("sme", "sme", "龙头企业和大型企业不能揭榜", "a leading or large enterprise cannot answer");
        if (!TakesAnswers(d)) errors.Add("demand", "open", d.State == DemandState.Open ? $"该需求已于 {d.Deadline:yyyy-MM-dd} 截止" : "该需求未开放揭榜",
            d.State == DemandState.Open ? $"the demand closed on {d.Deadline:yyyy-MM-dd}" : "the demand does not take answers");
        var proposal = (input.Proposal ?? "").Trim();
        if (proposal.Length == 0) errors.Add("proposal", "required", "请填写揭榜方案", "the proposal is required");
        else if (proposal.Length > 2000) errors.Add("proposal", "max-length", "揭榜方案不能超过 2000 字", "the proposal: at most 2000 characters");
        var price = Funds.Money.RequiredPositive(input.Price, "price", "报价", "price", errors);
        if (errors.Ok && await db.DemandAnswers.AnyAsync(a => a.DemandId == id && a.SmeId == own, ct))
            errors.Add("demand", "unique", "本企业已揭榜该需求", "your enterprise already answered this demand");
        if (!errors.Ok) throw new ValidationFailedException(errors);
        // the demand still takes answers when the answer is written, also when a selection or the deadline came meanwhile
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var today = clock.Today();
        if (await db.Demands.Where(x => x.Id == id && x.State == DemandState.Open && x.Deadline >= today).ExecuteUpdateAsync(s => s.SetProperty(x => x.State, x => x.State), ct) == 0)
            throw Refused("demand", "该需求刚刚关闭，不再接受揭榜", "the demand has just closed", "open");
        var a = new DemandAnswer { DemandId = id, SmeId = own, Proposal = proposal, PriceFen = price, State = AnswerState.Submitted, AnsweredBy = scope.UserName, AnsweredAt = clock.GetUtcNow().UtcDateTime };
        db.DemandAnswers.Add(a);
        await SaveAsync(ct);
        await tx.CommitAsync(ct);
        return a;
    }

    /// <summary>
    /// The leading enterprise (or the operator) selects one answer: a confirmed deal is recorded with the contract's
    /// number, date and amount (the quote, unless another is given), the others are not selected, the demand closes.
    /// </summary>
    public async Task<Deal> SelectAsync(int carrierId, int id, SelectInput input, CancellationToken ct = default)
    {
        // the demand's row first, so that a second selection waits and then finds it closed (not a contract number taken)
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Demands.Where(x => x.Id == id && x.CarrierId == carrierId).ExecuteUpdateAsync(s => s.SetProperty(x => x.State, x => x.State), ct);
        var d = await TrackedAsync(carrierId, id, ct);
        if (!CanSelect(d)) throw Refused("state", d.State == DemandState.Open ? "只有发榜的龙头企业或载体运营方可以选定揭榜方" : "该需求未开放，不能选定",
            d.State == DemandState.Open ? "only the publishing leading enterprise or the operator selects" : "the demand is not open");
        var answer = await db.DemandAnswers.Include(a => a.Sme).FirstOrDefaultAsync(a => a.Id == input.AnswerId && a.DemandId == id, ct)
            ?? throw Refused("answerId", "请选择一个揭榜方案", "choose an answer", "required");
        var leading = await db.Enterprises.AsNoTracking().Where(e => e.Id == d.LeadingId).Select(e => new { e.Name, e.CreditCode }).FirstAsync(ct);
        var deal = await deals.RecordAsync(carrierId, new DealInput
        {
            Leading = Registry.Enterprises.EnterprisePicker.Label(leading.Name, leading.CreditCode),
            Sme = Registry.Enterprises.EnterprisePicker.Label(answer.Sme!.Name, answer.Sme.CreditCode),
            Kind = d.Kind, Subject = d.Title, ContractNo = input.ContractNo, SignedOn = input.SignedOn, Amount = input.Amount ?? Funds.Money.ToWan(answer.PriceFen),
        }, ct);
        d.State = DemandState.Closed;
        d.DealId = deal.Id;
        // tracked, so that who was selected and who was not is audited
        foreach (var a in await db.DemandAnswers.Where(a => a.DemandId == id).ToListAsync(ct))
            a.State = a.Id == answer.Id ? AnswerState.Selected : AnswerState.NotSelected;
        await SaveAsync(ct);
        await tx.CommitAsync(ct);
        return deal;
    }

    private async Task<Demand> TrackedAsync(int carrierId, int id, CancellationToken ct) =>
        await Visible(carrierId).AsTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("demand");

    private async Task SaveAsync(CancellationToken ct)
    {
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException)
        {
            throw new ValidationFailedException([new("state", "changed", "该需求刚被他人修改，请刷新后查看", "someone else just changed this demand; reload to see it")]);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            throw new ValidationFailedException([new("demand", "unique", "本企业已揭榜该需求", "your enterprise already answered this demand")]);
        }
    }

    private static ValidationFailedException Refused(string field, string zh, string en, string rule = "state") => new([new(field, rule, zh, en)]);
}
