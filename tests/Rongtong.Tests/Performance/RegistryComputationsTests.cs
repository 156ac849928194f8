using Microsoft.EntityFrameworkCore;
using Rongtong.Tests.Support;
using Rongtong.Web.Features.Performance;
using Rongtong.Web.Features.Performance.Computations;
using Rongtong.Web.Features.Registry;
using Rongtong.Web.Features.Registry.Rules;
using Rongtong.Web.Platform.Data;
using C = Rongtong.Web.Features.Performance.Computations.RegistryComputations;

namespace Rongtong.Tests.Performance;

/// <summary>
/// The registry computations (hand-written aggregate SQL) on a real database against the same definitions evaluated
/// in memory over the same rows, and against the drill-down (LINQ) of each count: a random registry of two carriers
/// whose dates fall on and around the period boundaries, with qualifications, incubation, listings and three years.
/// </summary>
public sealed class RegistryComputationsTests
{
    private static readonly DateOnly?[] Dates =
    [
        null, new(2019, 6, 30), new(2020, 12, 31), new(2021, 1, 1), new(2021, 3, 31), new(2021, 4, 1), new(2021, 6, 30),
        new(2021, 7, 1), new(2021, 12, 31), new(2022, 1, 1),
    ];

    private static readonly Period[] Periods =
    [
        new(2021, PeriodKind.Y), new(2020, PeriodKind.Y), new(2019, PeriodKind.Y), new(2021, PeriodKind.H1), new(2021, PeriodKind.Q2), new(2021, PeriodKind.Q4),
    ];

    [Theory, Providers]
    public async Task Every_computation_equals_its_definition_evaluated_in_memory_and_every_count_its_drill_down(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        int carrierId;
        await using (var db = database.NewContext()) carrierId = await SeedAsync(db);

        await using var ctx = database.NewContext();
        var mains = (await ctx.Carriers.SingleAsync(c => c.Id == carrierId)).MainIndustryCodes.ToArray();
        var all = await ctx.Enterprises.AsNoTracking().Include(e => e.Qualifications).Include(e => e.Years)
            .Where(e => e.CarrierId == carrierId && e.InZone).ToListAsync();
        var computations = new RegistryComputations(ctx);
        foreach (var p in Periods)
        {
            var actual = await computations.ComputeAsync(carrierId, p);
            var expected = Expected(all, mains, p);
            Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
            foreach (var (name, value) in expected)
                Assert.True(value == actual[name], $"{p} {name}: expected {value}, computed {actual[name]}");
            foreach (var name in new[] { C.Spawned, C.Graduated, C.Listed, C.Specialised, C.TechEnterprises, C.IndustryConcentration }
                         .Concat(p.Kind == PeriodKind.Y ? [C.SizeUpgrades, C.Employees] : []))
                Assert.True(actual[name].Records == (await computations.DrillDownAsync(name, carrierId, p)).Total, $"{p} {name}: drill-down total");
        }
    }

    /// <summary>The definitions of <see cref="RegistryComputations.Descriptions"/>, over in-memory rows.</summary>
    private static Dictionary<string, Computed> Expected(List<Enterprise> inZone, string[] mains, Period p)
    {
        var (start, end) = (p.Start, p.End);
        var r = new Dictionary<string, Computed>();
        // 入驻企业 at the end: in the zone and not moved out by then (a graduation counts if it came before a move-out)
        var present = inZone.Where(e => !(e.MovedOutOn <= end)).ToList();
        Computed Count(Func<Enterprise, bool> f) => new(present.Count(f), present.Count(f));
        var resident = present.Where(e => e.ResidentSince <= end && !(e.GraduatedOn <= end)).ToList();
        var inField = resident.Count(e => C.InField(e.IndustryCode, mains));
        r[C.IndustryConcentration] = new(resident.Count == 0 ? null : Math.Round(inField * 100m / resident.Count, 4), resident.Count);
        r[C.Spawned] = Count(e => e.SpawnedById != null && (e.ResidentSince == null || e.ResidentSince <= end));
        var graduated = inZone.Count(e => e.GraduatedOn >= start && e.GraduatedOn <= end && !(e.MovedOutOn < e.GraduatedOn));
        r[C.Graduated] = new(graduated, graduated);
        r[C.Listed] = Count(e => e.Listing != ListingStatus.None && e.ListedOn <= end);
        QualificationKind[] specialised = [QualificationKind.SpecialisedNational, QualificationKind.SpecialisedProvincial, QualificationKind.LittleGiant];
        QualificationKind[] tech = [QualificationKind.HighTech, QualificationKind.TechSme];
        r[C.Specialised] = Count(e => e.Qualifications.Any(q => specialised.Contains(q.Kind) && q.ValidOn(end)));
        r[C.TechEnterprises] = Count(e => e.Qualifications.Any(q => tech.Contains(q.Kind) && q.ValidOn(end)));
        // this registry records no deals: no value, not 0 (the deals' computations are tested in DealTests)
        r[C.DealValue] = new(null, 0);
        r[C.LeadingPartners] = new(null, 0);
        if (p.Kind != PeriodKind.Y) return r;

        var f = present.SelectMany(e => e.Years).Where(y => y.Year == p.Year).ToList();
        var n = f.Count;
        long employees = f.Sum(y => (long)y.Employees);
        var land = f.Sum(y => y.LandArea);
        r[C.Employees] = new(n == 0 ? null : employees / 10000m, n);
        r[C.DegreeShare] = new(n == 0 || employees == 0 ? null : Math.Round(f.Sum(y => (long)y.DegreeHolders) * 100m / employees, 4), n);
        r[C.RevenuePerMu] = new(n == 0 || land == 0 ? null : Math.Round(f.Where(y => y.LandArea > 0).Sum(y => y.Revenue) / land, 4), n);
        r[C.Output] = new(n == 0 ? null : f.Sum(y => y.Output), n);
        r[C.ProfitTax] = new(n == 0 ? null : f.Sum(y => y.ProfitTax), n);
        r[C.RnD] = new(n == 0 ? null : f.Sum(y => y.RnD), n);
        r[C.NewJobs] = new(n == 0 ? null : f.Sum(y => (long)y.NewJobs) / 10000m, n);
        var upgrades = present.Count(e => e.Years.Any(y => y.Year == p.Year && e.Years.Any(b => b.Year == p.Year - 1 && b.SizeClass < y.SizeClass)));
        r[C.SizeUpgrades] = new(upgrades, upgrades);
        return r;
    }

    /// <summary>Two carriers (the second one's rows must never count) with 150 random enterprises each; returns the first's id.</summary>
    private static async Task<int> SeedAsync(RongtongDb db)
    {
        var rnd = new Random(4754);
        var carriers = new[]
        {
            new Carrier { Code = "c1", Name = "载体一", Zone = "园区", MainIndustries = "31, 3823,7" },
            new Carrier { Code = "c2", Name = "载体二", Zone = "园区", MainIndustries = "31" },
        };
        db.Carriers.AddRange(carriers);
        await db.SaveChangesAsync();
        string[] industries = ["3130", "3311", "3823", "3829", "7451", "7520", "6513", "3130"];
        var number = 0;
        foreach (var carrier in carriers)
        {
            var leaders = new List<Enterprise>();
            for (var i = 0; i < 150; i++)
            {
                var org8 = $"MT{number++:000000}";
                var e = new Enterprise
                {
                    CarrierId = carrier.Id, CreditCode = CreditCode.Complete("91430400" + org8 + CreditCode.OrgCheckChar(org8)!.Value),
                    Name = $"测试企业{number}", IndustryCode = industries[rnd.Next(industries.Length)], InZone = rnd.Next(5) > 0,
                    ResidentSince = Pick(rnd), GraduatedOn = Pick(rnd), MovedOutOn = rnd.Next(4) == 0 ? Pick(rnd) : null,
                    Listing = (ListingStatus)rnd.Next(3), ListedOn = Pick(rnd),
                    SpawnedBy = leaders.Count > 0 && rnd.Next(4) == 0 ? leaders[rnd.Next(leaders.Count)] : null,
                };
                e.RefreshSearch();
                if (i < 10) leaders.Add(e);
                foreach (var kind in Enum.GetValues<QualificationKind>())
                    if (rnd.Next(3) == 0 && Pick(rnd) is { } issued)
                        e.Qualifications.Add(new Qualification { Kind = kind, IssuedOn = issued, ExpiresOn = rnd.Next(3) == 0 ? null : Pick(rnd) });
                foreach (var year in new[] { 2019, 2020, 2021 })
                {
                    if (rnd.Next(6) == 0) continue;
                    var revenue = rnd.Next(0, 1_000_000) / 100m;
                    e.Years.Add(new EnterpriseYear
                    {
                        CarrierId = carrier.Id, Year = year, Employees = rnd.Next(0, 500), DegreeHolders = rnd.Next(0, 200), Revenue = revenue,
                        TotalAssets = revenue * 2, Output = rnd.Next(0, 1_000_000) / 1000m, ProfitTax = rnd.Next(0, 100_000) / 10m,
                        RnD = rnd.Next(0, 10_000) / 100m, LandArea = rnd.Next(3) == 0 ? 0 : rnd.Next(1, 1000) / 10m, NewJobs = rnd.Next(0, 30),
                        SizeClass = (SizeClass)rnd.Next(1, 5), SizeRule = "测试",
                    });
                }
                db.Enterprises.Add(e);
            }
            await db.SaveChangesAsync();
        }
        return carriers[0].Id;
    }

    private static DateOnly? Pick(Random rnd) => Dates[rnd.Next(Dates.Length)];
}
