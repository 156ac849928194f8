using Rongtong.Web.Features.Projects;
using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Features.Registry;
using Rongtong.Web.Features.Registry.Enterprises;
using Rongtong.Web.Platform.Auth;
using Rongtong.Web.Platform.Data;
using Rongtong.Web.Platform.Errors;
using Rongtong.Web.Platform.Time;

namespace Rongtong.Web.Features.Funds;

/// <summary>
/// The special-fund ledger. Every entry is appended (corrections are reversing entries), and each one moves a running
/// total with a single conditional UPDATE in the entry's transaction — "add x where the total stays within its
/// limit" — so that, on SQLite and PostgreSQL alike, concurrent users can never allocate more than was received or
/// disburse more than was allocated: exactly the entries that fit succeed. A refusal says which limit and by how much.
/// Every entry's transaction locks its fund's row first (<see cref="LockFundAsync"/>), so that entries touching the
/// same fund and an allocation of it queue in one order instead of deadlocking, and a check made after the lock
/// ("already reversed?") sees the entry that went before.
/// </summary>
public sealed class FundLedger(RongtongDb db, CurrentScope scope, TimeProvider clock, ProjectWork work)
{
    /// <summary>Receives a batch into the carrier's fund of that source (created on first receipt).</summary>
    public async Task<FundBatch> ReceiveAsync(Carrier carrier, FundSource source, string fundName, string documentNo, DateOnly? receivedOn, long amountFen, string? note = null, CancellationToken ct = default)
    {
        var errors = new Errors();
        AmountRule(amountFen, "到位金额", "the amount received", errors);
        DateRule(receivedOn, "receivedOn", "到位日期", "the date received", future: false, errors);
        if (string.IsNullOrWhiteSpace(documentNo)) errors.Add("documentNo", "required", "请填写文号", "the document number is required");
        else if (documentNo.Length > 100) errors.Add("documentNo", "max-length", "文号不能超过 100 字", "at most 100 characters");
        if (!Enum.IsDefined(source)) errors.Add("source", "exists", "资金来源无效", "unknown fund source");
        if (!errors.Ok) throw new ValidationFailedException(errors);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var fund = await db.Funds.FirstOrDefaultAsync(f => f.CarrierId == carrier.Id && f.Source == source, ct);
        if (fund is null)
        {
            fund = new Fund { CarrierId = carrier.Id, Source = source, Name = string.IsNullOrWhiteSpace(fundName) ? SourceLabel(source) : fundName.Trim() };
            db.Funds.Add(fund);
            // two first receipts of a source at once: the one that loses the unique index takes the winner's fund
            await tx.CreateSavepointAsync("fund", ct);
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
            {
                await tx.RollbackToSavepointAsync("fund", ct);
                db.Entry(fund).State = EntityState.Detached;
                fund = await db.Funds.FirstAsync(f => f.CarrierId == carrier.Id && f.Source == source, ct);
            }
        }
        await LockFundAsync(fund.Id, ct);
        var batch = new FundBatch { FundId = fund.Id, DocumentNo = documentNo.Trim(), ReceivedOn = receivedOn!.Value, AmountFen = amountFen, Note = note, CreatedBy = Who, CreatedAt = Now };
        db.FundBatches.Add(batch);
        await db.SaveChangesAsync(ct);
        await db.Funds.Where(f => f.Id == fund.Id).ExecuteUpdateAsync(s => s.SetProperty(f => f.ReceivedFen, f => f.ReceivedFen + amountFen), ct);
        await tx.CommitAsync(ct);
        return batch;
    }

    /// <summary>Reverses a batch; refused when what remains received would be less than what is allocated.</summary>
    public async Task<FundBatch> ReverseBatchAsync(int batchId, string reason, CancellationToken ct = default)
    {
        RequireReason(reason);
        var batch = await db.FundBatches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == batchId && b.ReversalOfId == null, ct) ?? throw new NotFoundException("batch");
        RequireOperator(await db.Funds.Where(f => f.Id == batch.FundId).Select(f => f.CarrierId).FirstAsync(ct));
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await LockFundAsync(batch.FundId, ct);
        if (await db.FundBatches.AnyAsync(b => b.ReversalOfId == batchId, ct)) throw Refused("reversed", "该批次已冲销", "the batch is already reversed");
        var x = batch.AmountFen;
        var n = await db.Funds.Where(f => f.Id == batch.FundId && f.ReceivedFen - x >= f.AllocatedFen)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.ReceivedFen, f => f.ReceivedFen - x), ct);
        if (n == 0)
        {
            var f = await db.Funds.AsNoTracking().FirstAsync(f => f.Id == batch.FundId, ct);
            var over = f.AllocatedFen - (f.ReceivedFen - x);
            throw Refused("received-limit", $"冲销后到位资金 {Money.Wan(f.ReceivedFen - x)} 将少于已分配 {Money.Wan(f.AllocatedFen)}，超出 {Money.Wan(over)}",
                $"after the reversal {Money.Wan(f.ReceivedFen - x)} received would be below {Money.Wan(f.AllocatedFen)} allocated, by {Money.Wan(over)}");
        }
        var rev = new FundBatch { FundId = batch.FundId, DocumentNo = batch.DocumentNo, ReceivedOn = Today, AmountFen = -x, ReversalOfId = batch.Id, Note = reason.Trim(), CreatedBy = Who, CreatedAt = Now };
        db.FundBatches.Add(rev);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return rev;
    }

    /// <summary>Allocates part of a fund to a sub-project in a spending category.</summary>
    /// <param name="milestoneId">A milestone of the sub-project that must be approved before anything is disbursed.</param>
    public async Task<Allocation> AllocateAsync(int fundId, int subProjectId, string category, long amountFen, string reason, DateOnly? effectiveOn = null, int? milestoneId = null, CancellationToken ct = default)
    {
        var errors = new Errors();
        AmountRule(amountFen, "分配金额", "the amount allocated", errors);
        if (effectiveOn is not null) DateRule(effectiveOn, "effectiveOn", "生效日期", "the effective date", future: true, errors);
        if (!SpendingCategories.Exists(category)) errors.Add("category", "exists", $"支出类别“{category}”不存在", $"unknown spending category '{category}'");
        if (!errors.Ok) throw new ValidationFailedException(errors);
        var fund = await db.Funds.AsNoTracking().FirstOrDefaultAsync(f => f.Id == fundId, ct) ?? throw new NotFoundException("fund");
        RequireOperator(fund.CarrierId);
        if (!await db.SubProjects.AnyAsync(p => p.Id == subProjectId && p.CarrierId == fund.CarrierId, ct)) throw new NotFoundException("sub-project");
        if (milestoneId is { } m && !await db.Milestones.AnyAsync(x => x.Id == m && x.SubProjectId == subProjectId, ct))
            throw new ValidationFailedException([new("milestoneId", "exists", "里程碑不属于该子项目", "the milestone is not the sub-project's")]);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await TakeFromFundAsync(fund.Id, amountFen, ct);
        var a = new Allocation { FundId = fund.Id, SubProjectId = subProjectId, Category = category, AmountFen = amountFen, MilestoneId = milestoneId, CreatedBy = Who, CreatedAt = Now };
        db.Allocations.Add(a);
        await db.SaveChangesAsync(ct);
        db.AllocationChanges.Add(new AllocationChange { AllocationId = a.Id, DeltaFen = amountFen, EffectiveOn = effectiveOn ?? Today, Reason = string.IsNullOrWhiteSpace(reason) ? "分配" : reason.Trim(), CreatedBy = Who, CreatedAt = Now });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return a;
    }

    /// <summary>Amends an allocation by a delta: more needs room in the fund, less cannot go below what was disbursed.</summary>
    public async Task<AllocationChange> AmendAsync(int allocationId, long deltaFen, string reason, DateOnly? effectiveOn = null, CancellationToken ct = default)
    {
        RequireReason(reason);
        if (deltaFen == 0) throw new ValidationFailedException([new("delta", "non-zero", "调整金额不能为零", "the change cannot be zero")]);
        var errors = new Errors();
        if (Math.Abs(deltaFen) > Money.MaxFen) errors.Add("delta", "max", $"调整金额不能超过 {Money.MaxWan:#,0} 万元", $"the change cannot exceed {Money.MaxWan:#,0} (10k CNY)");
        if (effectiveOn is not null) DateRule(effectiveOn, "effectiveOn", "生效日期", "the effective date", future: true, errors);
        if (!errors.Ok) throw new ValidationFailedException(errors);
        var a = await db.Allocations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == allocationId, ct) ?? throw new NotFoundException("allocation");
        var fund = await db.Funds.AsNoTracking().FirstAsync(f => f.Id == a.FundId, ct);
        RequireOperator(fund.CarrierId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await LockFundAsync(fund.Id, ct);
        if (deltaFen > 0) await TakeFromFundAsync(fund.Id, deltaFen, ct);
        var n = await db.Allocations.Where(x => x.Id == allocationId && x.AmountFen + deltaFen >= x.DisbursedFen)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.AmountFen, x => x.AmountFen + deltaFen), ct);
        if (n == 0)
        {
            var now = await db.Allocations.AsNoTracking().FirstAsync(x => x.Id == allocationId, ct);
            throw Refused("disbursed-limit", $"调减后分配额 {Money.Wan(now.AmountFen + deltaFen)} 将少于已拨付 {Money.Wan(now.DisbursedFen)}，差 {Money.Wan(now.DisbursedFen - now.AmountFen - deltaFen)}",
                $"the allocation would be {Money.Wan(now.AmountFen + deltaFen)}, below {Money.Wan(now.DisbursedFen)} disbursed, by {Money.Wan(now.DisbursedFen - now.AmountFen - deltaFen)}");
        }
        if (deltaFen < 0)
            await db.Funds.Where(f => f.Id == fund.Id).ExecuteUpdateAsync(s => s.SetProperty(f => f.AllocatedFen, f => f.AllocatedFen + deltaFen), ct);
        var change = new AllocationChange { AllocationId = allocationId, DeltaFen = deltaFen, EffectiveOn = effectiveOn ?? Today, Reason = reason.Trim(), CreatedBy = Who, CreatedAt = Now };
        db.AllocationChanges.Add(change);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return change;
    }

    /// <param name="Payee">The payee as typed in the form (EnterprisePicker); when given, it decides the payee instead of <paramref name="PayeeId"/>.</param>
    public sealed record DisbursementInput(int AllocationId, long AmountFen, DateOnly? PaidOn, DateOnly? ScheduledOn = null, int? PayeeId = null, string? VoucherNo = null,
        string? Purpose = null, string? Payee = null, IReadOnlyList<Upload>? Proof = null);

    /// <summary>Disburses from an allocation; refused, saying by how much, when it would exceed the allocation.</summary>
    public async Task<Disbursement> DisburseAsync(DisbursementInput input, CancellationToken ct = default)
    {
        var errors = new Errors();
        AmountRule(input.AmountFen, "拨付金额", "the amount paid", errors);
        DateRule(input.PaidOn, "paidOn", "拨付日期", "the date paid", future: false, errors);
        if (input.ScheduledOn is not null) DateRule(input.ScheduledOn, "scheduledOn", "计划拨付日期", "the scheduled date", future: true, errors);
        if (input.VoucherNo?.Length > 60) errors.Add("voucherNo", "max-length", "凭证号不能超过 60 字", "at most 60 characters");
        if (input.Purpose?.Length > 2000) errors.Add("purpose", "max-length", "用途不能超过 2000 字", "at most 2000 characters");
        var a = await db.Allocations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == input.AllocationId, ct) ?? throw new NotFoundException("allocation");
        var fund = await db.Funds.AsNoTracking().FirstAsync(f => f.Id == a.FundId, ct);
        RequireOperator(fund.CarrierId);
        var payeeId = input.Payee is null ? input.PayeeId : await EnterprisePicker.ResolveAsync(db, fund.CarrierId, input.Payee, EnterprisePicker.Payee, errors, ct);
        if (input.Payee is null && payeeId is { } payee && !await db.Enterprises.AnyAsync(e => e.Id == payee && e.CarrierId == fund.CarrierId, ct))
            errors.Add("payee", "exists", "收款单位不在本载体主体库中", "the payee is not in the carrier's registry");
        var proof = input.Proof ?? [];
        await ProjectWork.CheckAsync(proof, errors, ct);
        if (!errors.Ok) throw new ValidationFailedException(errors);
        if (a.MilestoneId is { } mid && await db.Milestones.AsNoTracking().FirstOrDefaultAsync(m => m.Id == mid, ct) is { State: not MilestoneState.Approved } gate)
            throw Refused("milestone", $"该分配须待里程碑“{gate.Name}”验收后方可拨付", $"this allocation is paid only after the milestone '{gate.Name}' is approved");
        // the proof of use (用途凭证), checked above, is stored before the transaction: file I/O while holding the
        // write locks would stall every writer (SQLite) or the fund's entries (PostgreSQL). A disbursement then refused
        // for its amount leaves files that no record names, which `files sweep` removes.
        var stored = await work.StoreAsync(proof, ct);
        var x = input.AmountFen;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await LockFundAsync(fund.Id, ct);
        var n = await db.Allocations.Where(al => al.Id == a.Id && al.DisbursedFen + x <= al.AmountFen)
            .ExecuteUpdateAsync(s => s.SetProperty(al => al.DisbursedFen, al => al.DisbursedFen + x), ct);
        if (n == 0)
        {
            var now = await db.Allocations.AsNoTracking().FirstAsync(al => al.Id == a.Id, ct);
            var over = now.DisbursedFen + x - now.AmountFen;
            throw Refused("allocation-limit", $"拨付 {Money.Wan(x)} 将超出分配额：分配 {Money.Wan(now.AmountFen)}，已拨付 {Money.Wan(now.DisbursedFen)}，超出 {Money.Wan(over)}",
                $"disbursing {Money.Wan(x)} would exceed the allocation of {Money.Wan(now.AmountFen)} ({Money.Wan(now.DisbursedFen)} disbursed) by {Money.Wan(over)}");
        }
        await db.Funds.Where(f => f.Id == fund.Id).ExecuteUpdateAsync(s => s.SetProperty(f => f.DisbursedFen, f => f.DisbursedFen + x), ct);
        var d = new Disbursement
        {
            AllocationId = a.Id, AmountFen = x, PaidOn = input.PaidOn!.Value, ScheduledOn = input.ScheduledOn, PayeeId = payeeId,
            VoucherNo = input.VoucherNo?.Trim(), Purpose = input.Purpose?.Trim(), CreatedBy = Who, CreatedAt = Now,
        };
        db.Disbursements.Add(d);
        await db.SaveChangesAsync(ct);
        // attached in the same transaction: no disbursement is recorded without its files
        db.Attachments.AddRange(stored.Select(s => s.ToAttachment(Who, Now, a => a.DisbursementId = d.Id)));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return d;
    }

    /// <summary>Reverses a disbursement with a negative entry; the original stays.</summary>
    public async Task<Disbursement> ReverseDisbursementAsync(int disbursementId, string reason, CancellationToken ct = default)
    {
        RequireReason(reason);
        var d = await db.Disbursements.AsNoTracking().FirstOrDefaultAsync(x => x.Id == disbursementId && x.ReversalOfId == null, ct) ?? throw new NotFoundException("disbursement");
        var a = await db.Allocations.AsNoTracking().FirstAsync(x => x.Id == d.AllocationId, ct);
        var fund = await db.Funds.AsNoTracking().FirstAsync(f => f.Id == a.FundId, ct);
        RequireOperator(fund.CarrierId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await LockFundAsync(fund.Id, ct);
        if (await db.Disbursements.AnyAsync(x => x.ReversalOfId == disbursementId, ct)) throw Refused("reversed", "该笔拨付已冲销", "the disbursement is already reversed");
        var x = d.AmountFen;
        await db.Allocations.Where(al => al.Id == a.Id).ExecuteUpdateAsync(s => s.SetProperty(al => al.DisbursedFen, al => al.DisbursedFen - x), ct);
        await db.Funds.Where(f => f.Id == fund.Id).ExecuteUpdateAsync(s => s.SetProperty(f => f.DisbursedFen, f => f.DisbursedFen - x), ct);
        var rev = new Disbursement
        {
            AllocationId = a.Id, AmountFen = -x, PaidOn = Today, PayeeId = d.PayeeId, VoucherNo = d.VoucherNo,
            Purpose = reason.Trim(), ReversalOfId = d.Id, CreatedBy = Who, CreatedAt = Now,
        };
        db.Disbursements.Add(rev);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return rev;
    }

    /// <summary>
    /// Takes the fund row's write lock for the rest of the transaction (a no-op update: PostgreSQL locks the row, SQLite
    /// takes the database's write lock at once instead of upgrading later).
    /// </summary>
    private Task LockFundAsync(int fundId, CancellationToken ct) =>
        db.Funds.Where(f => f.Id == fundId).ExecuteUpdateAsync(s => s.SetProperty(f => f.ReceivedFen, f => f.ReceivedFen), ct);

    private async Task TakeFromFundAsync(int fundId, long amountFen, CancellationToken ct)
    {
        var n = await db.Funds.Where(f => f.Id == fundId && f.AllocatedFen + amountFen <= f.ReceivedFen)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.AllocatedFen, f => f.AllocatedFen + amountFen), ct);
        if (n > 0) return;
        var f = await db.Funds.AsNoTracking().FirstAsync(x => x.Id == fundId, ct);
        var over = f.AllocatedFen + amountFen - f.ReceivedFen;
        throw Refused("received-limit", $"分配 {Money.Wan(amountFen)} 将超出到位资金：到位 {Money.Wan(f.ReceivedFen)}，已分配 {Money.Wan(f.AllocatedFen)}，超出 {Money.Wan(over)}",
            $"allocating {Money.Wan(amountFen)} would exceed the {Money.Wan(f.ReceivedFen)} received ({Money.Wan(f.AllocatedFen)} allocated) by {Money.Wan(over)}");
    }

    /// <summary>The operator of the fund's carrier (the CLI and the seeder act without a signed-in user).</summary>
    private void RequireOperator(int carrierId)
    {
        if (scope.IsSignedIn && !(scope.IsOperator && scope.HomeCarrierId == carrierId)) throw new NotFoundException("fund");
    }

    private static void RequireReason(string reason)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new ValidationFailedException([new("reason", "required", "请填写理由", "a reason is required")]);
        if (reason.Length > 500) throw new ValidationFailedException([new("reason", "max-length", "理由不能超过 500 字", "at most 500 characters")]);
    }

    /// <summary>An entry's amount: positive, and at most <see cref="Money.MaxFen"/> (so that no running total can overflow).</summary>
    private static void AmountRule(long fen, string what, string whatEn, Errors errors)
    {
        if (fen <= 0) errors.Add("amount", "positive", $"{what}须大于零", $"{whatEn} must be positive");
        else if (fen > Money.MaxFen) errors.Add("amount", "max", $"{what}不能超过 {Money.MaxWan:#,0} 万元", $"{whatEn} cannot exceed {Money.MaxWan:#,0} (10k CNY)");
    }

    /// <summary>
    /// A ledger date: required, not before 2000; a date on which money moved is not in the future, a planned one at most
    /// five years ahead.
    /// </summary>
    private void DateRule(DateOnly? date, string field, string what, string whatEn, bool future, Errors errors) =>
        DateRules.InRange(date, Today, field, what, whatEn, future, errors);

    private static ValidationFailedException Refused(string rule, string zh, string en) => new([new FieldError("amount", rule, zh, en)]);

    private string Who => scope.IsSignedIn ? scope.UserName : db.Actor.Name;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private DateOnly Today => clock.Today();

    /// <summary>The source in the UI's language (the official Chinese name is <see cref="SourceLabel"/>).</summary>
    public static string SourceLabelLocalized(FundSource s) => Platform.I18n.Loc.IsEnglish ? s switch
    {
        FundSource.Central => "Central SME development fund",
        FundSource.Provincial => "Provincial fund",
        FundSource.Municipal => "Municipal fund",
        FundSource.Zone => "Zone matching fund",
        _ => "Self-raised",
    } : SourceLabel(s);

    public static string SourceLabel(FundSource s) => s switch
    {
        FundSource.Central => "中央财政中小企业发展专项资金",
        FundSource.Provincial => "省级财政资金",
        FundSource.Municipal => "市级财政资金",
        FundSource.Zone => "园区配套资金",
        _ => "自筹资金",
    };
}
