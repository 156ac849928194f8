using System.Text;
using Microsoft.EntityFrameworkCore;
using Rongtong.Tests.Support;
using Rongtong.Web.Features.Registry;
using Rongtong.Web.Features.Registry.Rules;
using static Rongtong.Tests.Registry.Import.ImportFixture;

namespace Rongtong.Tests.Registry;

/// <summary>The carrier home page's headline figures, against the same figures computed in memory from the rows.</summary>
public sealed class RegistryHeadlinesTests
{
    private static string Code(int i) => CreditCode.Complete($"91430400ME{i:000000}X"[..17]);

    [Theory, Providers]
    public async Task The_figures_are_the_carriers_own_and_its_latest_years(string provider)
    {
        await using var tdb = await TestDatabase.CreateAsync(provider);
        var a = await CarrierAsync(tdb, "zone-a");
        var b = await CarrierAsync(tdb, "zone-b");
        // carrier a: 12 enterprises with 2021 and 2022 figures of growing size; number 0 grows from micro to small;
        // number 11 has no 2022 figures. Carrier b has a later year, which must not become a's.
        var csv = new StringBuilder(Header + "\r\n");
        for (var i = 0; i < 12; i++)
        {
            var employees = i == 0 ? 5 : 10 + i * 40;
            csv.Append($"{Code(i)},衡阳{i}号制造有限公司,3130,{employees},{employees / 2},{100 + i * 900},500,90,{i}.5,1.25,2,{i},2021\r\n");
            if (i == 11) continue;
            var grown = i == 0 ? 60 : employees + 3;
            csv.Append($"{Code(i)},衡阳{i}号制造有限公司,3130,{grown},{grown / 3},{2500 + i * 1000},600,95,{i}.75,2.5,2,{i + 1},2022\r\n");
        }
        Assert.True((await ImportAsync(tdb, a, "a.csv", Utf8(csv.ToString()))).Ok);
        Assert.True((await ImportAsync(tdb, b, "b.csv", Utf8(Lines(Header, $"{Code(50)},外区有限公司,3130,300,10,9000,500,90,1,1,1,1,2023")))).Ok);
        await using (var setup = tdb.NewContext())
        {
            var es = await setup.Enterprises.Where(e => e.CarrierId == a).OrderBy(e => e.CreditCode).ToListAsync();
            es[1].InZone = false;
            es[2].InZone = false;
            es[3].ChainRole = ChainRole.Leading;
            es[4].Incubation = IncubationStatus.Resident;
            es[5].Incubation = IncubationStatus.Graduated;
            es[6].Listing = ListingStatus.Quoted;
            es[7].SpawnedById = es[3].Id;
            setup.Qualifications.AddRange(
                new Qualification { EnterpriseId = es[1].Id, Kind = QualificationKind.HighTech, IssuedOn = new(2020, 1, 1), ExpiresOn = new(2023, 1, 1) },
                new Qualification { EnterpriseId = es[1].Id, Kind = QualificationKind.HighTech, IssuedOn = new(2021, 6, 1) }, // the same one twice
                new Qualification { EnterpriseId = es[2].Id, Kind = QualificationKind.HighTech, IssuedOn = new(2019, 1, 1), ExpiresOn = new(2021, 12, 31) }, // expired
                new Qualification { EnterpriseId = es[3].Id, Kind = QualificationKind.TechSme, IssuedOn = new(2022, 3, 1) });
            await setup.SaveChangesAsync();
        }
        await using var db = tdb.NewContext();

        var f = await new RegistryHeadlines(db, Scopes.Operator(a), TimeProvider.System).HandleAsync();

        // the same figures from the rows, in memory
        var mine = await db.Enterprises.AsNoTracking().Where(e => e.CarrierId == a).ToListAsync();
        var ids = mine.Select(e => e.Id).ToHashSet();
        var years = (await db.EnterpriseYears.AsNoTracking().ToListAsync()).Where(y => ids.Contains(y.EnterpriseId)).ToList();
        var year = years.Max(y => y.Year);
        var latest = years.Where(y => y.Year == year).ToList();
        var asOf = new DateOnly(year, 12, 31);
        var quals = (await db.Qualifications.AsNoTracking().ToListAsync()).Where(q => ids.Contains(q.EnterpriseId) && q.ValidOn(asOf));
        Assert.NotNull(f);
        Assert.Equal(2022, f.Year);
        Assert.Equal(asOf, f.QualificationsAsOf);
        Assert.Equal((12, 10, 1, 1, 1, 1, 1), (f.Enterprises, f.InZone, f.Leading, f.Resident, f.Graduated, f.Listed, f.Spawned));
        Assert.Equal((mine.Count, mine.Count(e => e.InZone)), (f.Enterprises, f.InZone));
        Assert.Equal(mine.Where(e => e.SizeClass is not null).GroupBy(e => e.SizeClass!.Value).ToDictionary(g => g.Key, g => g.Count()).OrderBy(x => x.Key),
            f.BySize.OrderBy(x => x.Key));
        Assert.True(f.BySize.Count >= 2, "the data should give more than one size class");
        Assert.Equal(quals.GroupBy(q => q.Kind).ToDictionary(g => g.Key, g => g.Select(q => q.EnterpriseId).Distinct().Count()).OrderBy(x => x.Key),
            f.ByQualification.OrderBy(x => x.Key));
        Assert.Equal(1, f.ByQualification[QualificationKind.HighTech]);
        Assert.Equal((latest.Sum(y => y.Employees), latest.Sum(y => y.DegreeHolders), latest.Sum(y => y.Revenue), latest.Sum(y => y.Output),
                latest.Sum(y => y.ProfitTax), latest.Sum(y => y.RnD), latest.Sum(y => y.NewJobs)),
            (f.Employees, f.DegreeHolders, f.Revenue, f.Output, f.ProfitTax, f.RnD, f.NewJobs));
        var upgrades = latest.Count(y => years.Any(p => p.EnterpriseId == y.EnterpriseId && p.Year == year - 1 && p.SizeClass < y.SizeClass));
        Assert.Equal(upgrades, f.Upgrades);
        Assert.True(upgrades >= 1, "number 0 grows from micro to small");
    }
}
