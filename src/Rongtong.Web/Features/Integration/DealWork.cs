using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Features.Funds;
using Rongtong.Web.Features.Registry;
using Rongtong.Web.Features.Registry.Enterprises;
using Rongtong.Web.Features.Registry.Rules;
using Rongtong.Web.Platform.Auth;
using Rongtong.Web.Platform.Data;
using Rongtong.Web.Platform.Errors;
using Rongtong.Web.Platform.Time;

namespace Rongtong.Web.Features.Integration;

/// <summary>A deal as the form or the API gives it: the two sides as picker text ("name（credit code）", a code or an exact name), the amount in 万元.</summary>
public sealed record DealInput
{
    public string? Leading { get; init; }
    public string? Sme { get; init; }
    public DealKind? Kind { get; init; }
    public string? Subject { get; init; }
    public string? ContractNo { get; init; }
    public DateOnly? SignedOn { get; init; }
    public decimal? Amount { get; init; }
}

/// <summary>A year of deals: confirmed amount and count, leading enterprises with a confirmed deal by its end, deals awaiting confirmation.</summary>
public sealed record DealYear(int Year, long Fen, int Deals, int Leaders, int Pending);

/// <summary>A deal with the names of its two sides, for lists.</summary>
public sealed record DealRow(Deal Deal, string LeadingName, string LeadingCode, string SmeName, string SmeCode);

/// <summary>
/// The carrier's deals between leading enterprises and SMEs. The operator records and voids them; a leading
/// enterprise's user records its own (confirmed at once) and confirms those its SMEs recorded; an SME's user records
/// its own, which wait for the leading enterprise. The operator and the authority read all of the carrier's deals, an
/// enterprise's user only those it is a side of; anything else is "not found".
/// </summary>
public sealed class DealWork(RongtongDb db, CurrentScope scope, TimeProvider clock)
{
    public static readonly EnterprisePicker.Role LeadingSide = new("leading", "龙头企业", "Leading enterprise");
    public static readonly EnterprisePicker.Role SmeSide = new("sme", "中小企业", "SME");

    /// <summary>The deals of the carrier this user may read.</summary>
    public IQueryable<Deal> Visible(int carrierId)
    {
        var q = db.Deals.AsNoTracking().Where(d => d.CarrierId == carrierId);
        // the CLI and the seeder act without a signed-in user
        if (!scope.IsSignedIn || (scope.CanReadRegistry && scope.CarrierIds.Contains(carrierId))) return q;
        return scope.IsEnterpriseUser && scope.EnterpriseId is { } e && scope.HomeCarrierId == carrierId
            ? q.Where(d => d.LeadingId == e || d.SmeId == e)
            : q.Where(d => false);
    }

    public bool IsOperatorOf(int carrierId) => scope.IsOperator && scope.HomeCarrierId == carrierId;

    /// <summary>Who may record a deal here: the operator, or the user of an enterprise of this carrier.</summary>
    public bool CanRecord(int carrierId) => IsOperatorOf(carrierId) || (scope.IsEnterpriseUser && scope.EnterpriseId is not null && scope.HomeCarrierId == carrierId);

    private bool IsLeadingSideOf(Deal d) => scope.IsEnterpriseUser && scope.EnterpriseId == d.LeadingId && scope.HomeCarrierId == d.CarrierId;

    /// <summary>The operator, or the leading enterprise's user, confirms a pending deal.</summary>
    public bool CanConfirm(Deal d) => d.State == DealState.Pending && (IsOperatorOf(d.CarrierId) || IsLeadingSideOf(d));

    /// <summary>The operator voids any deal; the leading enterprise's user rejects a pending one that names it (a wrong amount, a number not its own).</summary>
    public bool CanVoid(Deal d) => d.State != DealState.Voided && (IsOperatorOf(d.CarrierId) || (d.State == DealState.Pending && IsLeadingSideOf(d)));

    public async Task<List<DealRow>> ListAsync(int carrierId, int? year = null, DealState? state = null, int? id = null, CancellationToken ct = default)
    {
        var q = Visible(carrierId);
        if (id is { } one) q = q.Where(d => d.Id == one);
        if (year is { } y)
        {
            var (from, to) = LedgerFilter.YearRange(y);
            q = q.Where(d => d.SignedOn >= from && d.SignedOn < to);
        }
        if (state is { } s) q = q.Where(d => d.State == s);
        return await q.OrderByDescending(d => d.SignedOn).ThenByDescending(d => d.Id)
            .Select(d => new DealRow(d, d.Leading!.Name, d.Leading.CreditCode, d.Sme!.Name, d.Sme.CreditCode)).ToListAsync(ct);
    }

    /// <summary>
    /// Per year of the deals this user may read, latest first: the confirmed amount and count, the leading enterprises
    /// with a confirmed deal by the year's end, and the deals awaiting confirmation.
    /// </summary>
    public async Task<List<DealYear>> YearsAsync(int carrierId, CancellationToken ct = default)
    {
        var q = Visible(carrierId);
        var years = await q.GroupBy(d => d.SignedOn.Year).Select(g => new
        {
            Year = g.Key, Fen = g.Sum(d => d.State == DealState.Confirmed ? d.AmountFen : 0),
            Deals = g.Count(d => d.State == DealState.Confirmed), Pending = g.Count(d => d.State == DealState.Pending),
        }).ToListAsync(ct);
        var firstDeals = await q.Where(d => d.State == DealState.Confirmed).GroupBy(d => d.LeadingId).Select(g => g.Min(d => d.SignedOn)).ToListAsync(ct);
        return years.OrderByDescending(y => y.Year).Select(y => new DealYear(y.Year, y.Fen, y.Deals, firstDeals.Count(f => f.Year <= y.Year), y.Pending)).ToList();
    }

    public async Task<Deal> FindAsync(int carrierId, int id, CancellationToken ct = default) =>
        await Visible(carrierId).AsTracking().FirstOrDefaultAsync(d => d.Id == id, ct) ?? throw new NotFoundException("deal");

    public async Task<Deal> RecordAsync(int carrierId, DealInput input, CancellationToken ct = default)
    {
        if (!CanRecord(carrierId) && scope.IsSignedIn) throw new NotFoundException("carrier");
        var errors = new Errors();
        var own = IsOperatorOf(carrierId) || !scope.IsSignedIn ? null : scope.EnterpriseId;
        int? leadingId, smeId;
        if (own is { } o)
        {
            // an enterprise's user is one side; of the other side it learns nothing the registry does not show it
            // (ADR 0004): not whether a code is registered, nor its name, chain role or size class
            var ownIsLeading = await db.Enterprises.AnyAsync(e => e.Id == o && e.ChainRole == ChainRole.Leading, ct);
            var (ownSide, otherSide) = ownIsLeading ? (LeadingSide, SmeSide) : (SmeSide, LeadingSide);
            var ownText = ownIsLeading ? input.Leading : input.Sme;
            if (!string.IsNullOrWhiteSpace(ownText) && await EnterprisePicker.ResolveAsync(db, carrierId, ownText, ownSide, [], ct) != o)
                errors.Add(ownSide.Field, "own", "只能登记本企业作为一方的交易", "you can only record deals your enterprise is a side of");
            var other = await CounterpartAsync(carrierId, ownIsLeading ? input.Sme : input.Leading, otherSide, !ownIsLeading, errors, ct);
            (leadingId, smeId) = ownIsLeading ? ((int?)o, other) : (other, (int?)o);
        }
        else
        {
            leadingId = await EnterprisePicker.ResolveAsync(db, carrierId, input.Leading, LeadingSide, errors, ct);
            smeId = await EnterprisePicker.ResolveAsync(db, carrierId, input.Sme, SmeSide, errors, ct);
            if (string.IsNullOrWhiteSpace(input.Leading)) errors.Add(LeadingSide.Field, "required", "请填写龙头企业", "the leading enterprise is required");
            if (string.IsNullOrWhiteSpace(input.Sme)) errors.Add(SmeSide.Field, "required", "请填写中小企业", "the SME is required");
            var sides = await db.Enterprises.AsNoTracking().Where(e => e.Id == leadingId || e.Id == smeId)
                .Select(e => new { e.Id, e.Name, e.ChainRole, e.SizeClass }).ToListAsync(ct);
            if (sides.FirstOrDefault(e => e.Id == leadingId) is { } l && l.ChainRole != ChainRole.Leading)
                errors.Add(LeadingSide.Field, "leading", $"“{l.Name}”在主体库中的产业链角色不是龙头企业", $"'{l.Name}' is not a leading enterprise in the registry");
            if (sides.FirstOrDefault(e => e.Id == smeId) is { } m)
            {
                if (m.ChainRole == ChainRole.Leading)
                    errors.Add(SmeSide.Field, "sme", $"“{m.Name}”是龙头企业，不是中小企业", $"'{m.Name}' is a leading enterprise, not an SME");
                else if (m.SizeClass == SizeClass.Large)
                    errors.Add(SmeSide.Field, "sme", $"“{m.Name}”最近一年划型为大型企业，不是中小企业", $"'{m.Name}' was classed as large in its latest year, not an SME");
            }
        }
        if (input.Kind is not { } kind) errors.Add("kind", "required", "请选择交易类型", "the kind of deal is required");
        else if (!Enum.IsDefined(kind)) errors.Add("kind", "exists", "交易类型无效", "unknown kind of deal");
        var subject = (input.Subject ?? "").Trim();
        if (subject.Length == 0) errors.Add("subject", "required", "请填写交易内容", "the subject is required");
        else if (subject.Length > 200) errors.Add("subject", "max-length", "交易内容不能超过 200 字", "the subject: at most 200 characters");
        TextRules.NoHidden(subject, errors, "subject", "交易内容", "The subject");
        var contract = string.IsNullOrWhiteSpace(input.ContractNo) ? null : input.ContractNo.Trim();
        if (contract?.Length > 50) errors.Add("contractNo", "max-length", "合同编号不能超过 50 个字符", "the contract number: at most 50 characters");
        TextRules.NoHidden(contract, errors, "contractNo", "合同编号", "The contract number");
        DateRules.InRange(input.SignedOn, clock.Today(), "signedOn", "签订日期", "the signing date", future: false, errors);
        var amount = Money.RequiredPositive(input.Amount, "amount", "交易金额", "amount", errors);
        if (errors.Ok && contract is not null && await db.Deals.AnyAsync(d => d.LeadingId == leadingId && d.ContractNo == contract && d.State != DealState.Voided, ct))
            errors.Add("contractNo", "unique", $"合同编号“{contract}”已登记", $"the contract '{contract}' is already recorded");
        if (!errors.Ok) throw new ValidationFailedException(errors);

        var now = clock.GetUtcNow().UtcDateTime;
        // the SME's own record waits for the leading enterprise; the operator's and the leading enterprise's count at once
        var confirmed = own is null || own == leadingId;
        var d = new Deal
        {
            CarrierId = carrierId, LeadingId = leadingId!.Value, SmeId = smeId!.Value, Kind = input.Kind!.Value, Subject = subject, ContractNo = contract,
            SignedOn = input.SignedOn!.Value, AmountFen = amount, State = confirmed ? DealState.Confirmed : DealState.Pending,
            RecordedBy = Who, RecordedAt = now, ConfirmedBy = confirmed ? Who : null, ConfirmedAt = confirmed ? now : null,
        };
        db.Deals.Add(d);
        await SaveAsync(ct);
        return d;
    }

    public async Task<Deal> ConfirmAsync(int carrierId, int id, CancellationToken ct = default)
    {
        var d = await FindAsync(carrierId, id, ct);
        if (d.State != DealState.Pending) throw Refused("state", d.State == DealState.Voided ? "已作废的交易不能确认" : "该交易已确认", d.State == DealState.Voided ? "a voided deal cannot be confirmed" : "the deal is already confirmed");
        if (!CanConfirm(d)) throw Refused("leading", "只有交易中的龙头企业或载体运营方可以确认", "only the deal's leading enterprise or the carrier's operator can confirm it");
        d.State = DealState.Confirmed;
        d.ConfirmedBy = Who;
        d.ConfirmedAt = clock.GetUtcNow().UtcDateTime;
        await SaveAsync(ct);
        return d;
    }

    public async Task<Deal> VoidAsync(int carrierId, int id, string? reason, CancellationToken ct = default)
    {
        var d = await FindAsync(carrierId, id, ct);
        if (d.State == DealState.Voided) throw Refused("state", "该交易已作废", "the deal is already voided");
        if (!CanVoid(d)) throw Refused("state", "只有载体运营方可以作废交易；龙头企业可以退回待其确认的交易", "only the carrier's operator can void a deal; a leading enterprise can reject one awaiting its confirmation");
        reason = (reason ?? "").Trim();
        if (reason.Length == 0) throw Refused("reason", "请填写作废原因", "the reason is required", "required");
        if (reason.Length > 500) throw Refused("reason", "作废原因不能超过 500 字", "the reason: at most 500 characters", "max-length");
        if (TextRules.HasHidden(reason)) throw Refused("reason", "作废原因含有不可见的控制字符", "the reason contains invisible control characters", "hidden-characters");
        d.State = DealState.Voided;
        d.VoidReason = reason;
        await SaveAsync(ct);
        return d;
    }

    /// <summary>
    /// The other side of an enterprise user's deal: an enterprise of the carrier that may be that side (a leading
    /// enterprise, or an SME not classed large), else one message that says no more than that.
    /// </summary>
    private async Task<int?> CounterpartAsync(int carrierId, string? text, EnterprisePicker.Role role, bool leading, Errors errors, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(role.Field, "required", $"请填写{role.Zh}", $"the {role.En.ToLowerInvariant()} is required");
            return null;
        }
        var id = await EnterprisePicker.ResolveAsync(db, carrierId, text, role, [], ct);
        var eligible = id is { } i && await db.Enterprises.AnyAsync(e => e.Id == i
            && (leading ? e.ChainRole == ChainRole.Leading : e.ChainRole != ChainRole.Leading && e.SizeClass != SizeClass.Large), ct);
        if (eligible) return id;
        errors.Add(role.Field, "eligible", $"{role.Zh}：本载体没有可作为{role.Zh}的该单位，请从提示中选择或填写其统一社会信用代码",
            $"{role.En}: this carrier has no such organisation that can be the {role.En.ToLowerInvariant()}; pick a suggestion or enter its credit code");
        return null;
    }

    /// <summary>The leading enterprises of the carrier, as picker suggestions.</summary>
    public async Task<List<string>> LeadingSuggestionsAsync(int carrierId, CancellationToken ct = default) =>
        (await db.Enterprises.AsNoTracking().Where(e => e.CarrierId == carrierId && e.ChainRole == ChainRole.Leading).OrderBy(e => e.Name)
            .Select(e => new { e.Name, e.CreditCode }).ToListAsync(ct)).Select(e => EnterprisePicker.Label(e.Name, e.CreditCode)).ToList();

    /// <summary>The SMEs this user's deals already name, as picker suggestions.</summary>
    public async Task<List<string>> SmeSuggestionsAsync(int carrierId, CancellationToken ct = default) =>
        (await Visible(carrierId).Select(d => new { d.Sme!.Name, d.Sme.CreditCode }).Distinct().OrderBy(e => e.Name).Take(50).ToListAsync(ct))
            .Select(e => EnterprisePicker.Label(e.Name, e.CreditCode)).ToList();

    private async Task SaveAsync(CancellationToken ct)
    {
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException)
        {
            throw new ValidationFailedException([new("state", "changed", "该交易刚被他人修改，请刷新后查看", "someone else just changed this deal; reload to see it")]);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            throw new ValidationFailedException([new("contractNo", "unique", "该合同编号刚被登记", "this contract number was just recorded")]);
        }
    }

    private static ValidationFailedException Refused(string field, string zh, string en, string rule = "state") => new([new(field, rule, zh, en)]);

    private string Who => scope.IsSignedIn ? scope.UserName : db.Actor.Name;
}
