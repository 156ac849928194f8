using Microsoft.EntityFrameworkCore;
using Rongtong.Tests.Support;
using Rongtong.Web.Features.Projects;
using Rongtong.Web.Features.Registry.Enterprises;
using Rongtong.Web.Features.Registry.Rules;
using Rongtong.Web.Platform.Errors;
using static Rongtong.Tests.Registry.Import.ImportFixture;

namespace Rongtong.Tests.Registry;

/// <summary>An enterprise field of a form (实施单位, 收款单位): what the user may type, and what is refused.</summary>
public sealed class EnterprisePickerTests
{
    private static string Code(int i) => CreditCode.Complete($"91430400MD{i:000000}X"[..17]);

    [Theory, Providers]
    public async Task A_label_a_bare_code_or_an_exact_name_names_one_enterprise_of_the_carrier(string provider)
    {
        await using var tdb = await TestDatabase.CreateAsync(provider);
        var a = await CarrierAsync(tdb, "zone-a");
        var b = await CarrierAsync(tdb, "zone-b");
        Assert.True((await ImportAsync(tdb, a, "a.csv", Utf8(Lines(Header,
            $"{Code(1)},衡阳甲钢管有限公司,3130,10,5,100,100,100,1,1,1,1,2022",
            $"{Code(2)},衡阳同名科技有限公司,6513,10,5,100,100,100,1,1,1,1,2022",
            $"{Code(3)},衡阳同名科技有限公司,6513,10,5,100,100,100,1,1,1,1,2022",
            $"{Code(4)},衡阳乙服务有限公司（分公司）,7243,10,5,100,100,100,1,1,1,1,2022")))).Ok);
        Assert.True((await ImportAsync(tdb, b, "b.csv", Utf8(Lines(Header, $"{Code(9)},外区丙有限公司,3130,10,5,100,100,100,1,1,1,1,2022")))).Ok);
        await using var db = tdb.NewContext();
        var ids = await db.Enterprises.ToDictionaryAsync(e => e.CreditCode, e => e.Id);
        async Task<int?> Resolve(string? text)
        {
            var errors = new Errors();
            var id = await EnterprisePicker.ResolveAsync(db, a, text, EnterprisePicker.Payee, errors, default);
            return errors.Ok ? id : throw new ValidationFailedException(errors);
        }

        Assert.Null(await Resolve(null));
        Assert.Null(await Resolve("  "));
        var label = EnterprisePicker.Label("衡阳甲钢管有限公司", Code(1));
        Assert.Equal(ids[Code(1)], await Resolve(label));
        Assert.Equal(ids[Code(1)], await Resolve($"衡阳甲钢管有限公司 ({Code(1).ToLowerInvariant()})"));
        Assert.Equal(ids[Code(1)], await Resolve($"（{Code(1)}）"));
        Assert.Equal(ids[Code(1)], await Resolve($" {Code(1)[..6]} {Code(1)[6..]} "));
        Assert.Equal(ids[Code(1)], await Resolve("衡阳甲钢管有限公司"));
        // brackets that hold no code are part of the name, in either width
        Assert.Equal(ids[Code(4)], await Resolve("衡阳乙服务有限公司（分公司）"));
        Assert.Equal(ids[Code(4)], await Resolve("衡阳乙服务有限公司(分公司)"));
        Assert.Equal(ids[Code(4)], await Resolve($"衡阳乙服务有限公司(分公司) （{Code(4)}）"));
        // two enterprises of one name: the code tells them apart
        Assert.Equal(ids[Code(3)], await Resolve(EnterprisePicker.Label("衡阳同名科技有限公司", Code(3))));

        async Task<FieldError> Refused(string text) => (await Assert.ThrowsAsync<ValidationFailedException>(() => Resolve(text))).Errors.Single();
        var ambiguous = await Refused("衡阳同名科技有限公司");
        Assert.Equal(("payee", "ambiguous"), (ambiguous.Field, ambiguous.Rule));
        Assert.StartsWith("收款单位：", ambiguous.MessageZh);
        Assert.Equal(("payee", "exists"), ((await Refused("衡阳丁有限公司")).Field, (await Refused("衡阳丁有限公司")).Rule));
        // a code with another enterprise's name is refused, not read as either of them
        var mismatch = await Refused(EnterprisePicker.Label("衡阳甲钢管有限公司", Code(2)));
        Assert.Equal("code-matches-name", mismatch.Rule);
        Assert.Contains("衡阳同名科技有限公司", mismatch.MessageZh);
        // another carrier's enterprise is not this carrier's, by code or by name
        var other = await Refused(EnterprisePicker.Label("外区丙有限公司", Code(9)));
        Assert.Equal("exists", other.Rule);
        Assert.Contains(Code(9), other.MessageEn);
        Assert.Equal("exists", (await Refused("外区丙有限公司")).Rule);
        Assert.Equal("max-length", (await Refused(new string('衡', EnterprisePicker.MaxLength + 1))).Rule);
    }

    [Theory, Providers]
    public async Task Suggestions_are_the_units_of_the_carriers_sub_projects_by_name_up_to_the_cap(string provider)
    {
        await using var tdb = await TestDatabase.CreateAsync(provider);
        var a = await CarrierAsync(tdb, "zone-a");
        var b = await CarrierAsync(tdb, "zone-b");
        Assert.True((await ImportAsync(tdb, a, "a.csv", Utf8(Lines([Header,
            .. Enumerable.Range(100, ProjectList.SuggestedUnits + 20).Select(i => $"{Code(i)},衡阳{i}号有限公司,3130,10,5,100,100,100,1,1,1,1,2022")])))).Ok);
        Assert.True((await ImportAsync(tdb, b, "b.csv", Utf8(Lines(Header, $"{Code(9)},阿外区有限公司,3130,10,5,100,100,100,1,1,1,1,2022")))).Ok);
        await using var db = tdb.NewContext();
        var ids = await db.Enterprises.ToDictionaryAsync(e => e.CreditCode, e => e.Id);
        // carrier a: units of sub-projects are 101 … 160 (not 100 and not 161 …), one of them twice and one project without
        // a unit; carrier b's project names its own enterprise
        var units = Enumerable.Range(101, ProjectList.SuggestedUnits + 10).Append(101).Select(i => (int?)ids[Code(i)]).Append(null).ToList();
        db.SubProjects.AddRange(units.Select((u, n) => new SubProject { CarrierId = a, Code = $"P{n}", Name = $"项目{n}", UnitId = u }));
        db.SubProjects.Add(new SubProject { CarrierId = b, Code = "Q1", Name = "外区项目", UnitId = ids[Code(9)] });
        await db.SaveChangesAsync();

        var suggestions = await ProjectList.UnitSuggestionsAsync(db, a, default);

        var expected = Enumerable.Range(101, ProjectList.SuggestedUnits + 10).Select(i => (Name: $"衡阳{i}号有限公司", Code: Code(i)))
            .OrderBy(x => x.Name, StringComparer.Ordinal).Take(ProjectList.SuggestedUnits).Select(x => EnterprisePicker.Label(x.Name, x.Code));
        Assert.Equal(expected, suggestions);
        Assert.Equal(suggestions[0], await EnterprisePicker.LabelOfAsync(db, ids[Code(101)], default));
        Assert.Null(await EnterprisePicker.LabelOfAsync(db, null, default));
    }
}
