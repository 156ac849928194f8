using Rongtong.Web.Features.Projects;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Features.Registry;
using Rongtong.Web.Platform.Data;
using Rongtong.Web.Platform.Errors;
using Rongtong.Web.Platform.I18n;
using X = Rongtong.Web.Features.Reports.Rendering.XlsxRenderer;

namespace Rongtong.Web.Features.Funds;

/// <summary>A disbursement with the allocation, fund and sub-project it belongs to.</summary>
public sealed class LedgerJoin
{
    public Disbursement Entry { get; init; } = null!;
    public Allocation Allocation { get; init; } = null!;
    public Fund Fund { get; init; } = null!;
    public SubProject Project { get; init; } = null!;
}

/// <summary>The filters of the disbursement ledger (the /Funds page and its export): year paid, spending category, sub-project, fund source.</summary>
public sealed record LedgerFilter(int? Year = null, string? Category = null, int? Project = null, FundSource? Source = null)
{
    /// <summary>The carrier's disbursements (reversals included) that pass the filters.</summary>
    public IQueryable<LedgerJoin> Apply(RongtongDb db, int carrierId)
    {
        var q = from f in db.Funds.AsNoTracking()
                where f.CarrierId == carrierId
                join a in db.Allocations.AsNoTracking() on f.Id equals a.FundId
                join d in db.Disbursements.AsNoTracking() on a.Id equals d.AllocationId
                join p in db.SubProjects.AsNoTracking() on a.SubProjectId equals p.Id
                select new LedgerJoin { Entry = d, Allocation = a, Fund = f, Project = p };
        if (Year is { } y)
        {
            var (from, to) = YearRange(y);
            q = q.Where(x => x.Entry.PaidOn >= from && x.Entry.PaidOn < to);
        }
        if (!string.IsNullOrEmpty(Category)) q = q.Where(x => x.Allocation.Category == Category);
        if (Project is { } pid) q = q.Where(x => x.Project.Id == pid);
        if (Source is { } src) q = q.Where(x => x.Fund.Source == src);
        return q;
    }

    /// <summary>A year as the date range [1 Jan, next 1 Jan) that date indexes can use; a year out of range matches nothing.</summary>
    public static (DateOnly From, DateOnly To) YearRange(int year) =>
        year is >= 1 and < 9999 ? (new DateOnly(year, 1, 1), new DateOnly(year + 1, 1, 1)) : (DateOnly.MaxValue, DateOnly.MaxValue);
}

/// <summary>
/// 专项资金使用明细表 — the disbursement ledger of a carrier as an .xlsx, with the filters of the /Funds page: a title row,
/// a header row, one row per disbursement entry in date order (reversals as negative rows marked 冲销, the reversed
/// entry noted), a total row; and a sheet 汇总 with what was received, allocated and disbursed and the execution rate
/// by batch, year and category (<see cref="FundSummary"/>, for the year filter). Amounts are numbers in 万元, exact to
/// 1 分 (six decimals), shown with two to six decimals. Headers follow the UI language.
/// </summary>
public sealed class LedgerExport(RongtongDb db, FundSummary summary)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public sealed record ExportRow(int Id, DateOnly PaidOn, string? Voucher, string? Programme, string ProjectCode, string Project, string? Unit, FundSource Source,
        string Category, string? Payee, long AmountFen, string? Purpose, int? ReversalOfId, DateOnly? OriginalPaidOn, string? OriginalVoucher, string? OriginalPurpose, DateOnly? ReversedOn);

    public static string[] Headers => Loc.IsEnglish
        ? ["No.", "Paid on", "Voucher no.", "Programme", "Sub-project", "Implementing unit", "Fund source", "Spending category", "Payee", "Amount (10k CNY)", "Purpose", "Note"]
        : ["序号", "拨付日期", "凭证号", "工程", "子项目", "实施单位", "资金来源", "支出类别", "收款单位", "拨付金额(万元)", "资金用途", "备注"];

    /// <summary>The filtered entries in date order (the rows of the export); names and the reversal pairing by left joins.</summary>
    public Task<List<ExportRow>> RowsAsync(int carrierId, LedgerFilter filter, CancellationToken ct = default) =>
        (from x in filter.Apply(db, carrierId)
         join g in db.Programmes on x.Project.ProgrammeId equals g.Id into gs
         from g in gs.DefaultIfEmpty()
         join u in db.Enterprises on x.Project.UnitId equals u.Id into us
         from u in us.DefaultIfEmpty()
         join pe in db.Enterprises on x.Entry.PayeeId equals pe.Id into ps
         from pe in ps.DefaultIfEmpty()
         join o in db.Disbursements on x.Entry.ReversalOfId equals o.Id into os // the entry a reversal reverses
         from o in os.DefaultIfEmpty()
         join r in db.Disbursements on x.Entry.Id equals r.ReversalOfId into rs // the reversal of an entry (at most one)
         from r in rs.DefaultIfEmpty()
         orderby x.Entry.PaidOn, x.Entry.Id
         select new ExportRow(x.Entry.Id, x.Entry.PaidOn, x.Entry.VoucherNo, g.Name, x.Project.Code, x.Project.Name, u.Name, x.Fund.Source, x.Allocation.Category,
             pe.Name, x.Entry.AmountFen, x.Entry.Purpose, x.Entry.ReversalOfId, (DateOnly?)o.PaidOn, o.VoucherNo, o.Purpose, (DateOnly?)r.PaidOn))
        .ToListAsync(ct);

    /// <summary>Checks the filters (400/422 naming the field), then writes the workbook.</summary>
    public async Task<byte[]> HandleAsync(Carrier carrier, LedgerFilter filter, CancellationToken ct = default)
    {
        var errors = new Errors();
        if (filter.Year is < 1900 or > 2200) errors.Add("year", "range", "年度须在 1900–2200 之间", "the year must be between 1900 and 2200");
        if (!string.IsNullOrEmpty(filter.Category) && !SpendingCategories.Exists(filter.Category))
            errors.Add("category", "exists", $"支出类别“{filter.Category}”不存在", $"unknown spending category '{filter.Category}'");
        string? projectName = null;
        if (filter.Project is { } pid)
        {
            projectName = await db.SubProjects.Where(p => p.Id == pid && p.CarrierId == carrier.Id).Select(p => p.Name).FirstOrDefaultAsync(ct);
            if (projectName is null) errors.Add("project", "exists", "子项目不存在", "no such sub-project of this carrier");
        }
        if (!errors.Ok) throw new ValidationFailedException(errors);

        var rows = await RowsAsync(carrier.Id, filter, ct);
        var figures = await summary.HandleAsync(carrier.Id, filter.Year, ct);
        var scope = string.Join(" · ", new[]
        {
            filter.Year is { } y ? Loc.T($"{y}年", $"{y}") : null,
            string.IsNullOrEmpty(filter.Category) ? null : SpendingCategories.Label(filter.Category),
            projectName,
        }.Where(s => s is not null));
        var title = Loc.T($"{carrier.Name}专项资金使用明细表", $"{carrier.Name} — special fund disbursement ledger") + (scope.Length > 0 ? Loc.T($"（{scope}）", $" ({scope})") : "");
        return Write(title, rows, figures, filter.Year);
    }

    private static byte[] Write(string title, List<ExportRow> rows, FundFigures figures, int? year)
    {
        using var ms = new MemoryStream();
        using (var xlsx = SpreadsheetDocument.Create(ms, SpreadsheetDocumentType.Workbook))
        {
            var workbook = xlsx.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = X.BuildStylesheet();
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            void Add(string name, double[] widths, IEnumerable<Row> content)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                WriteSheet(part, widths, content);
                sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = (uint)sheets.ChildElements.Count + 1, Name = name });
            }
            Add(Loc.T("资金使用明细表", "Ledger"), [6, 12, 16, 24, 36, 28, 26, 14, 28, 16, 30, 40], LedgerRows(title, rows));
            Add(Loc.T("汇总", "Summary"), [14, 60, 18, 18, 18, 14], SummaryRows(title, figures, year));
            xlsx.PackageProperties.Title = title;
        }
        return ms.ToArray();
    }

    private static IEnumerable<Row> LedgerRows(string title, List<ExportRow> rows)
    {
        yield return new Row(X.InlineText("A1", title, X.Caption)) { RowIndex = 1 };
        yield return HeaderRow(2, Headers);
        uint r = 3;
        foreach (var (e, i) in rows.Select((e, i) => (e, i + 1)))
        {
            var reversal = e.ReversalOfId is not null;
            var note = reversal
                ? Loc.T($"冲销：{e.Purpose}（冲销 {e.OriginalPaidOn:yyyy-MM-dd} 凭证 {e.OriginalVoucher ?? "—"} 的拨付）", $"Reversal: {e.Purpose} (reverses the payment of {e.OriginalPaidOn:yyyy-MM-dd}, voucher {e.OriginalVoucher ?? "—"})")
                : e.ReversedOn is { } on ? Loc.T($"已于 {on:yyyy-MM-dd} 冲销", $"reversed on {on:yyyy-MM-dd}") : "";
            yield return new Row(
                Number(0, r, i, X.Text), DateCell(1, r, e.PaidOn), Text(2, r, e.Voucher), Text(3, r, e.Programme), Text(4, r, $"{e.ProjectCode} {e.Project}"),
                Text(5, r, e.Unit), Text(6, r, FundLedger.SourceLabelLocalized(e.Source)), Text(7, r, SpendingCategories.Label(e.Category)), Text(8, r, e.Payee),
                Number(9, r, Money.ToWan(e.AmountFen), X.Amount), Text(10, r, reversal ? e.OriginalPurpose : e.Purpose), Text(11, r, note)) { RowIndex = r };
            r++;
        }
        var total = new Row(X.InlineText(X.Ref(0, r), Loc.T("合计", "Total"), X.TotalText)) { RowIndex = r };
        for (var c = 1; c < 12; c++) total.Append(c == 9 ? Number(9, r, Money.ToWan(rows.Sum(e => e.AmountFen)), X.TotalAmount) : X.InlineText(X.Ref(c, r), "", X.TotalText));
        yield return total;
    }

    private static List<Row> SummaryRows(string title, FundFigures f, int? year)
    {
        var data = new List<Row> { new(X.InlineText("A1", title + Loc.T(" — 汇总", " — summary"), X.Caption)) { RowIndex = 1 } };
        data.Add(HeaderRow(2, Loc.IsEnglish
            ? ["Group", "Item", "Received (10k CNY)", "Allocated (10k CNY)", "Disbursed (10k CNY)", "Execution rate (%)"]
            : ["分组", "项目", "到位(万元)", "分配(万元)", "拨付(万元)", "执行率(%)"]));
        uint r = 3;
        void Line(string group, string item, long? received, long? allocated, long? disbursed, bool total = false)
        {
            var amount = total ? X.TotalAmount : X.Amount;
            var text = total ? X.TotalText : X.Text;
            var row = new Row(Text(0, r, group, text), Text(1, r, item, text)) { RowIndex = r };
            foreach (var (v, c) in new[] { received, allocated, disbursed }.Select((v, c) => (v, c + 2)))
                row.Append(v is { } fen ? Number(c, r, Money.ToWan(fen), amount) : Text(c, r, "", text));
            // 执行率 = disbursed / received, where both belong to the line
            row.Append(received is > 0 && disbursed is { } d ? Number(5, r, Math.Round(d * 100m / received.Value, 2), text) : Text(5, r, "", text));
            data.Add(row);
            r++;
        }
        Line(Loc.T("合计", "Total"), year is { } y ? Loc.T($"{y}年", $"{y}") : Loc.T("全部年度", "All years"), f.ReceivedFen, f.AllocatedFen, f.DisbursedFen, total: true);
        foreach (var b in f.Batches) Line(Loc.T("到位批次", "Batch"), $"{b.Date:yyyy-MM-dd} {b.Source} {b.Document}", b.AmountFen, null, null);
        foreach (var x in f.ByYear) Line(Loc.T("年度", "Year"), $"{x.Year}", x.ReceivedFen, x.AllocatedFen, x.DisbursedFen);
        foreach (var x in f.ByCategory) Line(Loc.T("支出类别", "Category"), SpendingCategories.Label(x.Category), null, x.AllocatedFen, x.DisbursedFen);
        return data;
    }

    private static Row HeaderRow(uint r, string[] headers) => new(headers.Select((h, c) => X.InlineText(X.Ref(c, r), h, X.Header))) { RowIndex = r };

    /// <summary>Streams the rows into the part (a ledger of many thousand rows is never held as one document tree); header rows frozen.</summary>
    private static void WriteSheet(WorksheetPart part, double[] widths, IEnumerable<Row> rows)
    {
        using var w = OpenXmlWriter.Create(part);
        w.WriteStartElement(new Worksheet());
        w.WriteElement(new SheetViews(new SheetView(new Pane { VerticalSplit = 2, TopLeftCell = "A3", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen }) { WorkbookViewId = 0 }));
        w.WriteElement(new Columns(widths.Select((x, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = x, CustomWidth = true })));
        w.WriteStartElement(new SheetData());
        foreach (var row in rows) w.WriteElement(row);
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static Cell Text(int c, uint r, string? text, uint style = X.Text) => X.InlineText(X.Ref(c, r), text ?? "", style);

    private static Cell Number(int c, uint r, decimal value, uint style) => new() { CellReference = X.Ref(c, r), CellValue = new CellValue(value), StyleIndex = style };

    /// <summary>A date as Excel's serial day number, shown as yyyy-mm-dd.</summary>
    private static Cell DateCell(int c, uint r, DateOnly d) => Number(c, r, d.DayNumber - new DateOnly(1899, 12, 30).DayNumber, X.Date);
}
