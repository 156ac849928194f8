using Rongtong.Web.Features.Projects;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Features.Registry;
using Rongtong.Web.Features.Registry.Enterprises;
using Rongtong.Web.Features.Reports.Rendering;
using Rongtong.Web.Platform.Auth;
using Rongtong.Web.Platform.Data;
using Rongtong.Web.Platform.Errors;
using Rongtong.Web.Platform.Files;
using Rongtong.Web.Platform.I18n;
using Rongtong.Web.Platform.Time;

namespace Rongtong.Web.Features.Funds.Pages;

/// <summary>专项资金 — overview, chart, batches, allocations and the disbursement ledger with filters; entry forms for the operator.</summary>
[Authorize(Policy = Policies.FundsRead)]
public sealed class IndexModel(RongtongDb db, CurrentScope scope, FundSummary summary, FundLedger ledger, IFileStore files, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Category { get; set; }
    [BindProperty(SupportsGet = true)] public int? Project { get; set; }
    [BindProperty(SupportsGet = true)] public FundSource? Source { get; set; }

    public sealed record AllocationRow(int Id, string Project, string Category, long AmountFen, long DisbursedFen, string? Milestone)
    {
        /// <summary>The amendment history, oldest first (the first entry created the allocation).</summary>
        public List<AllocationChange> Changes { get; init; } = [];
    }
    public sealed record LedgerRow(int Id, DateOnly PaidOn, string Project, string Category, long AmountFen, string? Payee, string? Voucher, string? Purpose, int? ReversalOfId, bool Reversed)
    {
        public List<Attachment> Files { get; init; } = [];
    }

    public sealed record MilestoneOption(int Id, int SubProjectId, string Label);

    public Carrier Carrier { get; private set; } = null!;
    public FundFigures Figures { get; private set; } = null!;
    public List<Fund> Funds { get; private set; } = [];
    public List<AllocationRow> Allocations { get; private set; } = [];
    public List<LedgerRow> Ledger { get; private set; } = [];
    public List<SubProject> Projects { get; private set; } = [];
    public List<MilestoneOption> Milestones { get; private set; } = [];
    /// <summary>The payee field's suggestions.</summary>
    public List<string> Payees { get; private set; } = [];
    public string? Message { get; private set; }
    public bool CanWrite => scope.IsOperator && scope.HomeCarrierId == Carrier.Id;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Message = Request.Query["done"].Count > 0 ? Loc.T("已记账。", "Recorded.") : null;
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostReceiveAsync(FundSource source, string documentNo, DateOnly? receivedOn, decimal? amount, CancellationToken ct) =>
        ActAsync(() => WithAmountAsync(amount, fen => ledger.ReceiveAsync(Carrier, source, "", documentNo ?? "", receivedOn, fen, null, ct)), ct);

    public Task<IActionResult> OnPostAllocateAsync(int fundId, int subProjectId, string category, decimal? amount, string? reason, int? milestoneId, CancellationToken ct) =>
        ActAsync(() => WithAmountAsync(amount, fen => ledger.AllocateAsync(fundId, subProjectId, category ?? "", fen, reason ?? "", null, milestoneId, ct)), ct);

    /// <summary>A disbursement with its proof of use (用途凭证): the files are checked with the other fields, stored only when the entry is made.</summary>
    public Task<IActionResult> OnPostDisburseAsync(int allocationId, decimal? amount, DateOnly? paidOn, DateOnly? scheduledOn, string? payee, string? voucherNo, string? purpose, List<IFormFile>? proof, CancellationToken ct) =>
        ActAsync(() => WithAmountAsync(amount, fen => ledger.DisburseAsync(new(allocationId, fen, paidOn, scheduledOn, VoucherNo: voucherNo,
            Purpose: purpose, Payee: payee ?? "", Proof: (proof ?? []).Where(f => f.Length > 0).Select(f => new Upload(f.FileName, f.OpenReadStream)).ToList()), ct)), ct);

    /// <summary>
    /// An entry with its amount typed in 万元. An amount that is not a whole number of 分, or past the largest, is
    /// reported together with the entry's other wrong fields: the entry is tried with no amount (0), which the ledger
    /// always refuses (its amount rule, tested), and its errors other than the amount's are added to the amount's.
    /// </summary>
    private static async Task<T> WithAmountAsync<T>(decimal? wan, Func<long, Task<T>> entry)
    {
        var errors = new Errors();
        var fen = wan is null ? 0 : Money.FromWanInput(wan.Value, "amount", errors);
        if (errors.Ok) return await entry(fen);
        try { await entry(0); }
        catch (ValidationFailedException ex) { errors.AddRange(ex.Errors.Where(e => e.Field != "amount")); }
        throw new ValidationFailedException(errors);
    }

    /// <summary>A proof-of-use file of this carrier's ledger, by id through the store.</summary>
    public async Task<IActionResult> OnGetFileAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var fundIds = Funds.Select(f => f.Id).ToList();
        var a = await db.Attachments.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id
            && db.Disbursements.Any(d => d.Id == x.DisbursementId && db.Allocations.Any(al => al.Id == d.AllocationId && fundIds.Contains(al.FundId))), ct);
        if (a is null) return NotFound();
        Response.Headers.XContentTypeOptions = "nosniff";
        return File(files.OpenRead(a.StoreKey), a.ContentType, a.FileName);
    }

    /// <summary>An amendment (调增/调减) of an allocation, kept in its history.</summary>
    public Task<IActionResult> OnPostAmendAsync(int allocationId, decimal? delta, string? reason, DateOnly? effectiveOn, CancellationToken ct) =>
        ActAsync(() => ledger.AmendAsync(allocationId, Delta(delta), reason ?? "", effectiveOn, ct), ct);

    public Task<IActionResult> OnPostReverseAsync(int disbursementId, string? reason, CancellationToken ct) =>
        ActAsync(() => ledger.ReverseDisbursementAsync(disbursementId, reason ?? "", ct), ct);

    /// <summary>Received, allocated and disbursed over time (cumulative, 万元), as PNG.</summary>
    public async Task<IActionResult> OnGetChartAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var years = Figures.ByYear.Select(y => y.Year).ToList();
        if (years.Count == 0) return NotFound();
        double? Cum(Func<YearLine, long> f, int y) => (double)Money.ToWan(Figures.ByYear.Where(x => x.Year <= y).Sum(f));
        var chart = new ChartBlock(Loc.T("专项资金累计到位、分配与拨付（万元）", "Special fund received, allocated and disbursed, cumulative (10k CNY)"), Loc.T("万元", "10k CNY"),
            years.Select(y => y.ToString()).ToList(),
            [
                new(Loc.T("到位", "Received"), years.Select(y => Cum(x => x.ReceivedFen, y)).ToList()),
                new(Loc.T("分配", "Allocated"), years.Select(y => Cum(x => x.AllocatedFen, y)).ToList()),
                new(Loc.T("拨付", "Disbursed"), years.Select(y => Cum(x => x.DisbursedFen, y)).ToList()),
            ]);
        return File(ChartRenderer.RenderPng(chart, 900, 340), "image/png");
    }

    /// <summary>An amendment's change in 万元 → 分 (negative lowers the allocation); one that is not a whole number of 分 is refused by name.</summary>
    private static long Delta(decimal? wan)
    {
        var errors = new Errors();
        var fen = wan is null ? 0 : Money.FromWanInput(wan.Value, "delta", errors);
        return errors.Ok ? fen : throw new ValidationFailedException(errors);
    }

    private async Task<IActionResult> ActAsync<T>(Func<Task<T>> act, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!CanWrite) return NotFound();
        // a value that did not parse keeps its own message (BindingMessages): the rules would only see an empty field
        if (!ModelState.IsValid) return Page();
        try
        {
            await act();
            return Redirect("/Funds?done=1");
        }
        catch (NotFoundException) { return NotFound(); }
        catch (ValidationFailedException ex) { ModelState.AddErrors(ex.Errors); }
        await LoadAsync(ct);
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var c = await scope.CurrentCarrierAsync(db, ct);
        if (c is null) return false;
        Carrier = c;
        Figures = await summary.HandleAsync(c.Id, null, ct);
        Funds = await db.Funds.AsNoTracking().Where(f => f.CarrierId == c.Id).OrderBy(f => f.Source).ToListAsync(ct);
        Projects = await db.SubProjects.AsNoTracking().Where(p => p.CarrierId == c.Id).OrderBy(p => p.Code).ToListAsync(ct);
        Milestones = await db.Milestones.AsNoTracking().Where(m => db.SubProjects.Any(p => p.Id == m.SubProjectId && p.CarrierId == c.Id))
            .Join(db.SubProjects, m => m.SubProjectId, p => p.Id, (m, p) => new { m, p.Code }).OrderBy(x => x.Code).ThenBy(x => x.m.DueOn)
            .Select(x => new MilestoneOption(x.m.Id, x.m.SubProjectId, x.Code + " · " + x.m.Name)).ToListAsync(ct);
        var fundIds = Funds.Select(f => f.Id).ToList();
        Allocations = await db.Allocations.AsNoTracking().Where(a => fundIds.Contains(a.FundId))
            .Join(db.SubProjects, a => a.SubProjectId, p => p.Id, (a, p) => new { a, p }).OrderBy(x => x.a.Id)
            .Select(x => new AllocationRow(x.a.Id, x.p.Name, x.a.Category, x.a.AmountFen, x.a.DisbursedFen,
                db.Milestones.Where(m => m.Id == x.a.MilestoneId).Select(m => m.Name).FirstOrDefault())).ToListAsync(ct);
        var allocationIds = Allocations.Select(a => a.Id).ToList();
        var changes = await db.AllocationChanges.AsNoTracking().Where(c => allocationIds.Contains(c.AllocationId)).OrderBy(c => c.Id).ToListAsync(ct);
        Allocations = Allocations.Select(a => a with { Changes = changes.Where(c => c.AllocationId == a.Id).ToList() }).ToList();
        if (CanWrite)
            Payees = await ProjectList.UnitSuggestionsAsync(db, c.Id, ct);
        var q = new LedgerFilter(Year, Category, Project, Source).Apply(db, c.Id);
        Ledger = await q.OrderByDescending(x => x.Entry.PaidOn).ThenByDescending(x => x.Entry.Id).Take(500)
            .Select(x => new LedgerRow(x.Entry.Id, x.Entry.PaidOn, x.Project.Name, x.Allocation.Category, x.Entry.AmountFen,
                db.Enterprises.Where(e => e.Id == x.Entry.PayeeId).Select(e => e.Name).FirstOrDefault(), x.Entry.VoucherNo, x.Entry.Purpose, x.Entry.ReversalOfId,
                db.Disbursements.Any(r => r.ReversalOfId == x.Entry.Id)))
            .ToListAsync(ct);
        var ids = Ledger.Select(l => l.Id).ToList();
        var proofs = await db.Attachments.AsNoTracking().Where(a => a.DisbursementId != null && ids.Contains(a.DisbursementId.Value)).OrderBy(a => a.Id).ToListAsync(ct);
        Ledger = Ledger.Select(l => l with { Files = proofs.Where(p => p.DisbursementId == l.Id).ToList() }).ToList();
        return true;
    }

    /// <summary>The 资金使用明细表 (.xlsx) of the ledger with the filters in force.</summary>
    public string ExportUrl => $"/api/v1/carriers/{Uri.EscapeDataString(Carrier.Code)}/funds/ledger.xlsx" + QueryString.Create(new Dictionary<string, string?>
    {
        ["year"] = Year?.ToString(), ["category"] = string.IsNullOrEmpty(Category) ? null : Category, ["project"] = Project?.ToString(), ["source"] = Source?.ToString(),
    }.Where(p => p.Value is not null));

    /// <summary>"2500.00万元"; in English the number alone, the unit (10k CNY) being in the column header.</summary>
    public static string Wan(long fen) => Loc.IsEnglish ? Number(fen) : Money.Wan(fen);

    /// <summary>What the user typed into a field of the form that was just refused (so that nothing typed is lost).</summary>
    public string? Posted(string handler, string field) =>
        Request.HasFormContentType && string.Equals(Request.Query["handler"], handler, StringComparison.OrdinalIgnoreCase) ? Request.Form[field].ToString() : null;

    public static string Number(long fen) => Money.Number(fen);

    /// <summary>Today as a date field's value: what a date left as offered means.</summary>
    public string Today => clock.Today().ToString("yyyy-MM-dd");
}
