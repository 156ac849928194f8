using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Features.Performance.Demo;
using Rongtong.Web.Features.Registry.Figures;
using Rongtong.Web.Features.Registry.Rules;
using Rongtong.Web.Platform.Auth;
using Rongtong.Web.Platform.Data;

namespace Rongtong.Web.Features.Registry.Demo;

/// <summary>
/// Demo data for the carrier of the seed report (衡阳高新区, code "hengyang"). Named enterprises and institutions are
/// those the report names; every credit code here is synthetic (valid check characters, organisation codes
/// "MA4Y…") and flagged <c>IsDemo</c>, and the UI labels it as such. Deterministic: running it twice changes nothing.
/// </summary>
public sealed class DemoSeed(RongtongDb db, UserManager<AppUser> users, RoleManager<IdentityRole> roles, TimeProvider clock, PerformanceSeed performance, Funds.FundsSeed funds)
{
    public const string CarrierCode = "hengyang";
    public const string Password = "rongtong2026";

    /// <summary>Demo sign-ins, one per role (user name, role, description).</summary>
    public static readonly (string User, string Role, string What)[] SignIns =
    [
        ("hunan-gxt", Roles.Authority, "湖南省工信厅 / provincial authority"),
        ("hengyang-op", Roles.Operator, "衡阳高新区管委会 / carrier operator"),
        ("hengang", Roles.LeadingEnterprise, "衡阳华菱钢管有限公司 / leading enterprise"),
        ("sme-tezhijia", Roles.Enterprise, "湖南特致珈物联科技有限公司 / SME"),
        ("sme-changhong", Roles.Enterprise, "湖南长宏锅炉科技股份有限公司 / SME"),
        ("hongcheng", Roles.ServiceProvider, "湖南宏诚投资咨询有限公司 / service provider"),
        ("bank-demo", Roles.Bank, "兴业银行衡阳分行 / bank"),
        ("expert-demo", Roles.Expert, "创业导师 / mentor"),
    ];

    private sealed record Named(string Name, string Industry, ChainRole Role, IncubationStatus Incubation, ListingStatus Listing = ListingStatus.None,
        bool Institution = false, int Scale = 1);

    // Organisations the seed report names; chain leaders first.
    private static readonly Named[] NamedOrgs =
    [
        new("衡阳华菱钢管有限公司", "3130", ChainRole.Leading, IncubationStatus.None, Scale: 400),
        new("特变电工衡阳变压器有限公司", "3821", ChainRole.Leading, IncubationStatus.None, Scale: 250),
        new("湖南机油泵股份有限公司", "3412", ChainRole.Supporting, IncubationStatus.None, ListingStatus.Listed, Scale: 40),
        new("衡阳风顺车桥有限公司", "3670", ChainRole.Downstream, IncubationStatus.None, Scale: 15),
        new("衡阳合力工业车辆有限公司", "3670", ChainRole.Downstream, IncubationStatus.None, Scale: 12),
        new("衡阳泰豪通信车辆有限公司", "3660", ChainRole.Downstream, IncubationStatus.None, Scale: 10),
        new("衡阳北方光电信息技术有限公司", "3831", ChainRole.Supporting, IncubationStatus.None, Scale: 8),
        new("湖南长宏锅炉科技股份有限公司", "3311", ChainRole.Supporting, IncubationStatus.Resident, Scale: 3),
        new("湖南金化科技集团有限公司", "2929", ChainRole.Upstream, IncubationStatus.None, Scale: 6),
        new("湖南特致珈物联科技有限公司", "6513", ChainRole.Service, IncubationStatus.Resident, Scale: 1),
        new("湖南湘梦电子商务科技有限公司", "6513", ChainRole.Service, IncubationStatus.Resident, Scale: 1),
        new("湖南宏诚投资咨询有限公司", "7243", ChainRole.Service, IncubationStatus.None, Scale: 1),
        new("衡阳市中小企业公共服务平台", "7243", ChainRole.Service, IncubationStatus.None, Institution: true),
        new("衡阳市金融信用信息服务中心", "7295", ChainRole.Service, IncubationStatus.None, Institution: true),
    ];

    /// <summary>
    /// Leading enterprises outside the zone that deal with its SMEs (synthetic names): the seed counts 14 leading
    /// enterprises cooperating in 2020 (已达成合作的行业龙头企业数), two of them the chain leaders above.
    /// </summary>
    public static readonly (string Name, string Industry)[] OutsideLeaders =
    [
        ("湖南衡岳重工集团有限公司", "3511"), ("湘南电气装备集团有限公司", "3821"), ("湖南雁峰输变电集团有限公司", "3829"), ("衡州特钢集团有限公司", "3130"),
        ("湖南回雁机械制造集团有限公司", "3484"), ("珠晖能源装备集团有限公司", "3443"), ("湘江电力设备集团有限公司", "3823"), ("湖南蒸水精工集团有限公司", "3484"),
        ("石鼓智能制造集团有限公司", "3670"), ("耒水钢铁集团有限公司", "3130"), ("湖南南岳新材料集团有限公司", "3311"), ("湘中汽车零部件集团有限公司", "3670"),
        ("湖南舜源电缆集团有限公司", "3831"), ("衡南工程机械集团有限公司", "3511"),
    ];

    private static readonly (string Code, string Word, int Weight, bool Steel)[] SyntheticIndustries =
    [
        ("3130", "钢管制品", 8, true), ("3311", "钢结构", 6, true), ("3360", "表面处理", 4, true), ("3484", "精密机械", 7, true),
        ("3443", "阀门", 3, true), ("3511", "矿山机械", 3, true), ("3821", "变压器配件", 6, false), ("3823", "电气开关", 6, false),
        ("3831", "电线电缆", 5, false), ("3829", "输配电设备", 5, false), ("3670", "汽车零部件", 4, false), ("6513", "软件", 4, false),
        ("7451", "检测", 2, false), ("7520", "知识产权", 1, false), ("5162", "油品贸易", 1, false), ("7212", "投资管理", 1, false),
    ];

    private static readonly string[] Places = ["衡阳", "湖南", "雁城", "蒸湘", "石鼓", "珠晖", "衡州", "回雁", "耒水", "湘南"];
    private static readonly string[] Syllables = ["华", "鑫", "瑞", "恒", "宏", "远", "诚", "博", "创", "智", "达", "信", "泰", "盛", "科", "源", "联", "中", "金", "天", "正", "合", "安", "德", "新", "普", "威", "捷"];

    public const int SyntheticCount = 320;
    public static readonly int[] Years = [2018, 2019, 2020, 2021];

    public sealed record Summary(int Enterprises, int Years, int Users, bool CarrierCreated, int IndicatorValues = 0);

    public async Task<Summary> SeedAsync(CancellationToken ct = default)
    {
        db.Actor.Name = "seed demo";
        await Roles.EnsureAsync(roles);

        var carrier = await db.Carriers.FirstOrDefaultAsync(c => c.Code == CarrierCode, ct);
        var created = carrier is null;
        if (carrier is null)
        {
            carrier = new Carrier
            {
                Code = CarrierCode, Name = "衡阳高新区大中小企业融通型特色载体", Zone = "衡阳高新技术产业开发区",
                Type = CarrierType.Integration, ApprovedOn = new DateOnly(2019, 6, 1), MainIndustries = "31,33,34,38",
                LandArea = 5620m, IsDemo = true,
            };
            db.Carriers.Add(carrier);
            await db.SaveChangesAsync(ct);
        }
        db.Actor.CarrierId = carrier.Id;

        var existing = await db.Enterprises.Where(e => e.CarrierId == carrier.Id).ToDictionaryAsync(e => e.CreditCode, ct);
        var plan = Plan();
        var now = clock.GetUtcNow().UtcDateTime;
        var addedEnterprises = 0;
        var addedYears = 0;
        // two passes: leaders first, so that spawned enterprises can point at them
        foreach (var pass in new[] { true, false })
        {
            foreach (var p in plan.Where(p => (p.Role == ChainRole.Leading) == pass))
            {
                if (existing.ContainsKey(p.Code)) continue;
                var e = new Enterprise
                {
                    CarrierId = carrier.Id, CreditCode = p.Code, Name = p.Name, IndustryCode = p.Industry, Address = p.Address,
                    InZone = p.InZone, ChainRole = p.Role, Incubation = p.Incubation, ResidentSince = p.ResidentSince,
                    GraduatedOn = p.GraduatedOn, MovedOutOn = p.MovedOutOn, Listing = p.Listing, ListedOn = p.ListedOn,
                    SpawnedById = p.SpawnedBy is { } s && existing.TryGetValue(s, out var parent) ? parent.Id : null,
                    IsDemo = true, CreatedAt = now, UpdatedAt = now, Version = 1,
                };
                e.RefreshSearch();
                e.Qualifications.AddRange(p.Qualifications);
                foreach (var y in p.Years)
                {
                    var row = new EnterpriseYear { CarrierId = carrier.Id, Year = y.Year };
                    FileFigures.Apply(row, y, p.Industry, "seed demo", now);
                    e.Years.Add(row);
                }
                var latest = e.Years.MaxBy(y => y.Year);
                e.SizeClass = latest?.SizeClass;
                e.SizeYear = latest?.Year;
                db.Enterprises.Add(e);
                existing[p.Code] = e;
                addedEnterprises++;
                addedYears += e.Years.Count;
            }
            await db.SaveChangesAsync(ct);
        }

        var addedUsers = 0;
        var hengang = existing[plan[0].Code];
        foreach (var (user, role, what) in SignIns)
        {
            if (await users.FindByNameAsync(user) is not null) continue;
            int? enterpriseId = role switch
            {
                Roles.LeadingEnterprise => hengang.Id,
                Roles.Enterprise => existing.Values.First(e => what.StartsWith(e.Name, StringComparison.Ordinal)).Id,
                _ => null,
            };
            if (role == Roles.ServiceProvider) enterpriseId = existing.Values.First(e => what.StartsWith(e.Name, StringComparison.Ordinal)).Id;
            var u = new AppUser
            {
                UserName = user, DisplayName = what.Split(" / ")[0], CarrierId = role == Roles.Authority ? null : carrier.Id,
                EnterpriseId = enterpriseId, EmailConfirmed = true, LockoutEnabled = true,
            };
            var r = await users.CreateAsync(u, Password);
            if (!r.Succeeded) throw new InvalidOperationException(string.Join("; ", r.Errors.Select(e => e.Description)));
            await users.AddToRoleAsync(u, role);
            if (role == Roles.Authority)
            {
                db.AuthorityScopes.Add(new AuthorityScope { UserId = u.Id, CarrierId = carrier.Id });
                await db.SaveChangesAsync(ct);
            }
            addedUsers++;
        }
        await Integration.DealsSeed.SeedAsync(db, carrier, ct);
        var values = await performance.SeedAsync(carrier, ct);
        await funds.SeedAsync(carrier, ct);
        await Projects.ProjectsSeed.SeedAsync(db, carrier, PerformanceSeed.SeedReportText(), ct);
        return new Summary(addedEnterprises, addedYears, addedUsers, created, values);
    }

    private sealed record PlannedEnterprise(string Code, string Name, string Industry, string? Address, bool InZone, ChainRole Role,
        IncubationStatus Incubation, DateOnly? ResidentSince, DateOnly? GraduatedOn, DateOnly? MovedOutOn, ListingStatus Listing,
        DateOnly? ListedOn, string? SpawnedBy, List<Qualification> Qualifications, List<YearInput> Years);

    /// <summary>Demo credit code n: 91 + 430400 (衡阳市) + MA4Y + 4 digits + organisation check + check character.</summary>
    public static string DemoCode(int n, bool institution = false)
    {
        var org8 = $"MA4Y{n:0000}";
        var orgCheck = CreditCode.OrgCheckChar(org8)!.Value;
        return CreditCode.Complete((institution ? "12" : "91") + "430400" + org8 + orgCheck);
    }

    /// <summary>The whole demo registry as a deterministic plan (also used by tests to know what to expect).</summary>
    private static List<PlannedEnterprise> Plan()
    {
        var rnd = new Random(20190601);
        var list = new List<PlannedEnterprise>();
        var n = 1;
        string[] leaders = [];
        foreach (var o in NamedOrgs)
        {
            var code = DemoCode(n++, o.Institution);
            var (inc, since, grad, moved) = o.Incubation == IncubationStatus.Resident
                ? (IncubationStatus.Resident, (DateOnly?)new DateOnly(2018, 3 + n % 8, 1), (DateOnly?)null, (DateOnly?)null)
                : (IncubationStatus.None, null, null, null);
            var years = o.Institution ? [] : Figures(rnd, o.Industry, o.Scale);
            var quals = new List<Qualification>();
            if (o.Role == ChainRole.Leading || o.Scale >= 8) quals.Add(new Qualification { Kind = QualificationKind.HighTech, IssuedOn = new DateOnly(2019, 11, 20), ExpiresOn = new DateOnly(2022, 11, 19), CertificateNo = $"GR2019430{n:00000}" });
            if (o.Name.StartsWith("湖南特致珈", StringComparison.Ordinal)) quals.Add(new Qualification { Kind = QualificationKind.TechSme, IssuedOn = new DateOnly(2020, 6, 1), ExpiresOn = new DateOnly(2020, 12, 31) });
            list.Add(new PlannedEnterprise(code, o.Name, o.Industry, "湖南省衡阳市高新区", true, o.Role, inc, since, grad, moved, o.Listing,
                o.Listing == ListingStatus.Listed ? new DateOnly(2016, 7, 5) : null, null, quals, years));
        }
        leaders = list.Where(p => p.Role == ChainRole.Leading).Select(p => p.Code).ToArray();

        var totalWeight = SyntheticIndustries.Sum(i => i.Weight);
        var usedNames = new HashSet<string>(list.Select(l => l.Name));
        for (var i = 0; i < SyntheticCount; i++)
        {
            var pick = rnd.Next(totalWeight);
            var ind = SyntheticIndustries.First(x => (pick -= x.Weight) < 0);
            string name;
            do name = $"{Places[rnd.Next(Places.Length)]}{Syllables[rnd.Next(Syllables.Length)]}{Syllables[rnd.Next(Syllables.Length)]}{ind.Word}有限公司";
            while (!usedNames.Add(name));
            var inZone = rnd.NextDouble() < 0.82;
            var roleRoll = rnd.NextDouble();
            var role = roleRoll < 0.45 ? ChainRole.Supporting : roleRoll < 0.65 ? ChainRole.Upstream : roleRoll < 0.85 ? ChainRole.Downstream : ChainRole.Service;
            var incRoll = rnd.NextDouble();
            var since = new DateOnly(2015 + rnd.Next(6), 1 + rnd.Next(12), 1 + rnd.Next(28));
            var (inc, grad, moved) = !inZone || incRoll < 0.35 ? (IncubationStatus.None, (DateOnly?)null, (DateOnly?)null)
                : incRoll < 0.75 ? (IncubationStatus.Resident, null, null)
                : incRoll < 0.93 ? (IncubationStatus.Graduated, since.AddDays(400 + rnd.Next(900)), null)
                : (IncubationStatus.MovedOut, null, since.AddDays(300 + rnd.Next(900)));
            if (grad > new DateOnly(2021, 12, 31)) (inc, grad) = (IncubationStatus.Resident, null);
            if (moved > new DateOnly(2021, 12, 31)) (inc, moved) = (IncubationStatus.Resident, null);
            var listRoll = rnd.NextDouble();
            var listing = listRoll < 0.05 ? ListingStatus.Quoted : listRoll < 0.065 ? ListingStatus.Listed : ListingStatus.None;
            var spawned = rnd.NextDouble() < 0.3 ? (ind.Steel ? leaders[0] : leaders[1]) : null;
            var scale = rnd.NextDouble() < 0.1 ? 2 + rnd.Next(4) : 1;
            var quals = new List<Qualification>();
            var qRoll = rnd.NextDouble();
            if (qRoll < 0.12) quals.Add(new Qualification { Kind = QualificationKind.HighTech, IssuedOn = new DateOnly(2018 + rnd.Next(3), 10 + rnd.Next(3), 1 + rnd.Next(28)) });
            if (qRoll is >= 0.08 and < 0.22) quals.Add(new Qualification { Kind = QualificationKind.TechSme, IssuedOn = new DateOnly(2019 + rnd.Next(3), 4 + rnd.Next(6), 1 + rnd.Next(28)) });
            if (qRoll is >= 0.20 and < 0.26) quals.Add(new Qualification { Kind = QualificationKind.SpecialisedProvincial, IssuedOn = new DateOnly(2019 + rnd.Next(3), 6, 1 + rnd.Next(28)) });
            if (qRoll is >= 0.25 and < 0.27) quals.Add(new Qualification { Kind = QualificationKind.SpecialisedNational, IssuedOn = new DateOnly(2020 + rnd.Next(2), 7, 1 + rnd.Next(28)) });
            if (qRoll is >= 0.27 and < 0.29) quals.Add(new Qualification { Kind = QualificationKind.InnovativeSme, IssuedOn = new DateOnly(2021, 3 + rnd.Next(6), 1 + rnd.Next(28)) });
            foreach (var q in quals.Where(q => q.Kind is QualificationKind.HighTech or QualificationKind.SpecialisedProvincial or QualificationKind.SpecialisedNational))
                q.ExpiresOn = q.IssuedOn.AddYears(3).AddDays(-1);
            foreach (var q in quals.Where(q => q.Kind == QualificationKind.TechSme))
                q.ExpiresOn = new DateOnly(q.IssuedOn.Year, 12, 31);
            list.Add(new PlannedEnterprise(DemoCode(n++), name, ind.Code, $"湖南省衡阳市{(inZone ? "高新区" : "")}{Places[rnd.Next(Places.Length)]}路{1 + rnd.Next(300)}号",
                inZone, role, inc, inc == IncubationStatus.None ? null : since, grad, moved, listing,
                listing == ListingStatus.None ? null : new DateOnly(2016 + rnd.Next(6), 1 + rnd.Next(12), 1 + rnd.Next(28)),
                spawned, quals, Figures(rnd, ind.Code, scale)));
        }
        // after the synthetic ones, so that those keep their codes and figures
        foreach (var (name, industry) in OutsideLeaders)
            list.Add(new PlannedEnterprise(DemoCode(n++), name, industry, "湖南省", false, ChainRole.Leading, IncubationStatus.None, null, null, null,
                ListingStatus.None, null, null, [], []));
        return list;
    }

    /// <summary>Four years of plausible, growing figures for one enterprise; scale 1 = a small firm.</summary>
    private static List<YearInput> Figures(Random rnd, string industry, int scale)
    {
        var employees = (int)(scale * (8 + rnd.Next(60)) * (scale > 50 ? 1.2 : 1));
        var revenuePerHead = 25m + rnd.Next(60);
        var years = new List<YearInput>();
        foreach (var y in Years)
        {
            var growth = 1m + (decimal)(rnd.NextDouble() * 0.25 - 0.05);
            employees = Math.Max(3, (int)(employees * (double)(1m + (growth - 1m) / 2)));
            var revenue = decimal.Round(employees * revenuePerHead * growth, 1);
            var degree = (int)(employees * (0.55 + rnd.NextDouble() * 0.4));
            var isSoftware = industry.StartsWith('6') || industry.StartsWith('7');
            years.Add(new YearInput
            {
                Year = y, Employees = employees, DegreeHolders = degree, Revenue = revenue,
                TotalAssets = decimal.Round(revenue * (0.8m + (decimal)rnd.NextDouble()), 1),
                Output = isSoftware ? 0 : decimal.Round(revenue * 1.05m, 1),
                ProfitTax = decimal.Round(revenue * (0.04m + (decimal)rnd.NextDouble() * 0.08m), 1),
                RnD = decimal.Round(revenue * (0.015m + (decimal)rnd.NextDouble() * 0.05m), 1),
                LandArea = isSoftware ? 0 : decimal.Round(scale * (2m + (decimal)rnd.NextDouble() * 20m), 1),
                NewJobs = Math.Max(0, (int)(employees * (double)(growth - 0.97m))),
            });
            revenuePerHead *= 1.03m;
        }
        return years;
    }
}
