using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Features.Registry.Demo;
using Rongtong.Web.Platform.Data;

namespace Rongtong.Web.Features.Registry.Import;

/// <summary>
/// 导出企业及年度数据 (use case): one row per enterprise and year, plus one row without a year for an enterprise that
/// has filed none, under the import's own headers, so that an export re-imports with no change.
/// </summary>
public sealed class ExportEnterprises(RongtongDb db, TimeProvider clock)
{
    public static IReadOnlyList<string> Headers { get; } = ImportColumns.All.Select(c => c.Header).ToList();

    /// <summary>Writes the carrier's registry; returns the number of rows written (without the header).</summary>
    public async Task<int> WriteAsync(int carrierId, SheetFormat format, Stream output, CancellationToken ct = default)
    {
        var enterprises = await db.Enterprises.AsNoTracking().Where(e => e.CarrierId == carrierId).OrderBy(e => e.CreditCode).ToListAsync(ct);
        var years = (await db.EnterpriseYears.AsNoTracking().Where(y => y.CarrierId == carrierId).ToListAsync(ct))
            .ToLookup(y => y.EnterpriseId);
        var codeOf = enterprises.ToDictionary(e => e.Id, e => e.CreditCode);
        var count = 0;
        IEnumerable<object?[]> Rows()
        {
            foreach (var e in enterprises)
            {
                // an enterprise without figures still gets its row
                foreach (var y in years[e.Id].OrderBy(y => y.Year).Select(y => (EnterpriseYear?)y).DefaultIfEmpty())
                {
                    count++;
                    yield return Row(e, y, codeOf);
                }
            }
        }
        SheetWriter.Write(output, format, Headers, Rows());
        return count;
    }

    /// <summary>The empty file to fill in: the headers and one example row that says it is one.</summary>
    public void WriteTemplate(SheetFormat format, Stream output)
    {
        var year = clock.GetUtcNow().Year - 1;
        var example = new Enterprise
        {
            CreditCode = DemoSeed.DemoCode(9999), Name = "示例：衡阳某某科技有限公司（示例行，导入前请删除）", IndustryCode = "3311",
            Address = "示例地址，请删除本行", InZone = true, ChainRole = ChainRole.Supporting, Incubation = IncubationStatus.Resident,
            ResidentSince = new DateOnly(year - 2, 3, 1), Listing = ListingStatus.None,
        };
        var figures = new EnterpriseYear
        {
            Year = year, Employees = 120, DegreeHolders = 45, Revenue = 8600.5m, TotalAssets = 12000m, Output = 9100m, ProfitTax = 650.25m,
            RnD = 420m, LandArea = 35.5m, NewJobs = 12,
        };
        SheetWriter.Write(output, format, Headers, [Row(example, figures, [])]);
    }

    private static object?[] Row(Enterprise e, EnterpriseYear? y, Dictionary<int, string> codeOf)
    {
        var v = new object?[ImportColumns.Count];
        v[(int)ImportField.CreditCode] = e.CreditCode;
        v[(int)ImportField.Name] = e.Name;
        v[(int)ImportField.IndustryCode] = e.IndustryCode;
        v[(int)ImportField.Address] = e.Address;
        v[(int)ImportField.InZone] = e.InZone ? "是" : "否";
        v[(int)ImportField.ChainRole] = ImportCells.Label(e.ChainRole);
        v[(int)ImportField.Incubation] = ImportCells.Label(e.Incubation);
        v[(int)ImportField.ResidentSince] = Date(e.ResidentSince);
        v[(int)ImportField.GraduatedOn] = Date(e.GraduatedOn);
        v[(int)ImportField.MovedOutOn] = Date(e.MovedOutOn);
        v[(int)ImportField.Listing] = ImportCells.Label(e.Listing);
        v[(int)ImportField.ListedOn] = Date(e.ListedOn);
        v[(int)ImportField.SpawnedBy] = e.SpawnedById is { } p ? codeOf.GetValueOrDefault(p) : null;
        if (y is not null)
        {
            v[(int)ImportField.Year] = y.Year;
            v[(int)ImportField.Employees] = y.Employees;
            v[(int)ImportField.DegreeHolders] = y.DegreeHolders;
            v[(int)ImportField.Revenue] = y.Revenue;
            v[(int)ImportField.TotalAssets] = y.TotalAssets;
            v[(int)ImportField.Output] = y.Output;
            v[(int)ImportField.ProfitTax] = y.ProfitTax;
            v[(int)ImportField.RnD] = y.RnD;
            v[(int)ImportField.LandArea] = y.LandArea;
            v[(int)ImportField.NewJobs] = y.NewJobs;
        }
        // reorder from field index to column (export) order
        return ImportColumns.All.Select(c => v[(int)c.Field]).ToArray();
    }

    private static string? Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static string FileName(string carrierCode, SheetFormat format, DateTime now) =>
        $"enterprises-{carrierCode}-{now:yyyyMMdd}{SheetWriter.Extension(format)}";
}
