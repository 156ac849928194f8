using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Features.Integration;
using Rongtong.Web.Features.Performance;
using Rongtong.Web.Features.Registry;
using Rongtong.Web.Features.Registry.Import;
using Rongtong.Web.Features.Registry.Rules;
using Rongtong.Web.Platform.Data;

namespace Rongtong.Bench;

/// <summary>
/// Deterministic registry of one carrier for the indicator benchmarks: N enterprises (200 leading ones, the rest in or
/// outside the zone; resident, graduated or moved out with dates; quoted or listed; some spawned by a leader), their
/// qualifications with validity dates (some renewed, some without expiry) and figures for 2018–2021 with size classes
/// that move up or down from year to year (about 5 % of the years are not filed), and N/4 deals of the leaders with the
/// others (90 % confirmed). Written with the import's
/// <see cref="BulkWriter"/>, then the statistics are refreshed (ANALYZE / VACUUM ANALYZE).
/// </summary>
public static class IndicatorData
{
    public const int FirstYear = 2018, LastYear = 2021, Leaders = 200;
    public const string CarrierCode = "bench-indicators";
    /// <summary>Main served industries: 31 (steel), 33 (metal products), 38 (electrical machinery) — ~45 % of the generator's industries.</summary>
    public const string MainIndustries = "31,33,38";

    private static readonly QualificationKind[] Kinds = Enum.GetValues<QualificationKind>();

    /// <summary>Migrates <paramref name="db"/> (a fresh database), adds the catalogue and the carrier with its registry; returns the carrier's id.</summary>
    public static async Task<int> BuildAsync(RongtongDb db, int n, CancellationToken ct = default)
    {
        await Database.MigrateAsync(db, ct);
        await Catalogues.EnsureAsync(db, ct);
        var carrier = new Carrier
        {
            Code = CarrierCode, Name = "指标基准载体", Zone = "基准园区", Type = CarrierType.Integration, MainIndustries = MainIndustries, IsDemo = true,
        };
        db.Carriers.Add(carrier);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        var rnd = new Random(2021);
        var at = new DateTime(2026, 11, 28, 0, 0, 0, DateTimeKind.Utc);
        var enterprises = new List<Enterprise>(n);
        var years = new List<EnterpriseYear>(n * (LastYear - FirstYear + 1));
        var qualifications = new List<Qualification>();
        var spawned = new List<Enterprise>();
        foreach (var row in Generator.Rows(n))
        {
            var i = enterprises.Count;
            var e = new Enterprise
            {
                CarrierId = carrier.Id, CreditCode = (string)row[0], Name = (string)row[1], IndustryCode = (string)row[2],
                IsDemo = true, CreatedAt = at, UpdatedAt = at, Version = 1,
            };
            e.RefreshSearch();
            if (i < Leaders)
            {
                e.ChainRole = ChainRole.Leading;
                e.InZone = true;
                if (rnd.NextDouble() < 0.3) (e.Listing, e.ListedOn) = (ListingStatus.Listed, Day(rnd, 2005, 2022));
            }
            else
            {
                e.ChainRole = (ChainRole)rnd.Next(2, 6);
                e.InZone = rnd.NextDouble() < 0.85;
                var r = rnd.NextDouble();
                if (r < 0.55) (e.Incubation, e.ResidentSince) = (IncubationStatus.Resident, Day(rnd, 2010, 2022));
                else if (r < 0.70)
                {
                    e.Incubation = IncubationStatus.Graduated;
                    e.ResidentSince = Day(rnd, 2010, 2019);
                    e.GraduatedOn = e.ResidentSince.Value.AddDays(365 + rnd.Next(4 * 365));
                }
                else if (r < 0.80)
                {
                    e.Incubation = IncubationStatus.MovedOut;
                    e.ResidentSince = Day(rnd, 2010, 2019);
                    e.MovedOutOn = e.ResidentSince.Value.AddDays(180 + rnd.Next(4 * 365));
                }
                var l = rnd.NextDouble();
                if (l < 0.04) (e.Listing, e.ListedOn) = (ListingStatus.Quoted, Day(rnd, 2014, 2022));
                else if (l < 0.05) (e.Listing, e.ListedOn) = (ListingStatus.Listed, Day(rnd, 2014, 2022));
                if (rnd.NextDouble() < 0.08) spawned.Add(e);
            }
            enterprises.Add(e);

            foreach (var kind in Kinds)
            {
                if (rnd.NextDouble() >= 0.08) continue;
                var issued = Day(rnd, 2013, 2021);
                var valid = kind == QualificationKind.TechSme ? 1 : 3;
                var renewals = rnd.Next(3);
                for (var k = 0; k <= renewals; k++)
                {
                    var expires = rnd.NextDouble() < 0.1 ? (DateOnly?)null : issued.AddYears(valid).AddDays(-1);
                    qualifications.Add(new Qualification { EnterpriseId = i, Kind = kind, IssuedOn = issued, ExpiresOn = expires, CertificateNo = $"GR{issued.Year}{i:000000}{(int)kind}{k}" });
                    if (expires is null) break;
                    issued = expires.Value.AddDays(1 + rnd.Next(200));
                }
            }

            var size = (SizeClass)(rnd.NextDouble() switch { < 0.4 => 1, < 0.75 => 2, < 0.95 => 3, _ => 4 });
            var baseEmployees = (int)row[3];
            for (var y = FirstYear; y <= LastYear; y++)
            {
                var move = rnd.NextDouble();
                if (y > FirstYear && move < 0.10 && size < SizeClass.Large) size++;
                else if (y > FirstYear && move > 0.96 && size > SizeClass.Micro) size--;
                if (rnd.NextDouble() < 0.05) continue;   // not filed that year
                var employees = Math.Max(1, baseEmployees * (int)size / 2 + rnd.Next(30));
                var revenue = Math.Round(employees * (20m + rnd.Next(8000) / 100m), 1);
                years.Add(new EnterpriseYear
                {
                    EnterpriseId = i, CarrierId = carrier.Id, Year = y, Employees = employees, DegreeHolders = employees * (30 + rnd.Next(60)) / 100,
                    Revenue = revenue, TotalAssets = Math.Round(revenue * 1.2m, 1), Output = Math.Round(revenue * 1.05m, 1),
                    ProfitTax = Math.Round(revenue * 0.08m, 1), RnD = Math.Round(revenue * 0.03m, 1),
                    LandArea = rnd.NextDouble() < 0.7 ? Math.Round(rnd.Next(1, 3000) / 10m, 1) : 0m, NewJobs = rnd.Next(20),
                    SizeClass = size, SizeRule = "基准数据", FiledBy = "bench", FiledAt = at, Version = 1,
                });
            }
            e.SizeClass = size;
            e.SizeYear = LastYear;
        }

        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var w = new BulkWriter(db, tx);
            await w.InsertAsync(enterprises.Take(Leaders).ToList(), ct);
            foreach (var e in spawned) e.SpawnedById = enterprises[rnd.Next(Leaders)].Id;
            await w.InsertAsync(enterprises.Skip(Leaders).ToList(), ct);
            // until now the owner's index in the list stood in for its id
            foreach (var y in years) y.EnterpriseId = enterprises[y.EnterpriseId].Id;
            foreach (var q in qualifications) q.EnterpriseId = enterprises[q.EnterpriseId].Id;
            await w.InsertAsync(years, ct, setIds: false);
            await w.InsertAsync(qualifications, ct, setIds: false);
            // deals of the leaders with the others, 2018–2022, a quarter as many as enterprises (ADR 0018); drawn last,
            // so that the registry is the same as before they were added
            var deals = new List<Deal>(n / 4);
            for (var k = 0; k < n / 4; k++)
            {
                var r = rnd.NextDouble();
                deals.Add(new Deal
                {
                    CarrierId = carrier.Id, LeadingId = enterprises[rnd.Next(Leaders)].Id, SmeId = enterprises[Leaders + rnd.Next(n - Leaders)].Id,
                    Kind = (DealKind)rnd.Next(4), Subject = "基准交易", ContractNo = $"B{k:000000}", SignedOn = Day(rnd, 2018, 2022),
                    AmountFen = (1 + rnd.Next(5000)) * 10_000L, State = r < 0.9 ? DealState.Confirmed : r < 0.95 ? DealState.Pending : DealState.Voided,
                    RecordedBy = "bench", RecordedAt = at,
                });
            }
            await w.InsertAsync(deals, ct, setIds: false);
            await tx.CommitAsync(ct);
        }
        await db.Database.ExecuteSqlRawAsync(db.IsPostgres ? "VACUUM ANALYZE" : "ANALYZE", ct);
        if (db.IsPostgres) await BenchDatabase.AllVisibleAsync(db, ["Enterprises", "EnterpriseYears", "Qualifications", "Deals"], ct);
        return carrier.Id;
    }

    private static DateOnly Day(Random rnd, int fromYear, int toYear) =>
        new DateOnly(fromYear, 1, 1).AddDays(rnd.Next(new DateOnly(toYear, 12, 31).DayNumber - new DateOnly(fromYear, 1, 1).DayNumber + 1));
}
