using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rongtong.Tests.Support;
using Rongtong.Web.Features.Projects;

namespace Rongtong.Tests.Projects;

/// <summary>Who sees and changes which sub-project, through the API.</summary>
public sealed class ProjectsApiTests
{
    private const string Base = "/api/v1/carriers/hengyang/projects";

    private static async Task<List<string>> CodesAsync(HttpClient c) =>
        (await c.GetFromJsonAsync<JsonElement>(Base)).EnumerateArray().Select(p => p.GetProperty("code").GetString()!).ToList();

    [Fact]
    public async Task An_implementing_unit_sees_and_updates_only_its_own_sub_projects()
    {
        await using var app = await TestApp.StartAsync();
        var unit = await app.ClientAsAsync("sme-changhong");
        Assert.Equal(["1.2-05"], await CodesAsync(unit));
        Assert.Equal(HttpStatusCode.NotFound, (await unit.GetAsync($"{Base}/1.2-04")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await unit.PostAsJsonAsync($"{Base}/1.2-04/progress", new { on = "2020-11-30", text = "x", invested = 1 })).StatusCode);

        var created = await unit.PostAsJsonAsync($"{Base}/1.2-05/progress", new { on = "2020-11-30", text = "试验台安装完毕", invested = 612.5 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var detail = await unit.GetFromJsonAsync<JsonElement>($"{Base}/1.2-05");
        Assert.Equal((612.5m, 67.3m), (detail.GetProperty("invested").GetDecimal(), detail.GetProperty("progress").GetDecimal()));
        Assert.Equal("完成资金投入612.5万元，完成项目总投入910万元的67.3%", detail.GetProperty("sentence").GetString());

        var bad = await unit.PostAsJsonAsync($"{Base}/1.2-05/progress", new { on = "2099-01-01", text = "", invested = 1 });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        var problem = await bad.Content.ReadAsStringAsync();
        Assert.Contains("\"field\":\"on\",\"rule\":\"range\"", problem);
        Assert.Contains("cumulative", problem);
        var ancient = await unit.PostAsJsonAsync($"{Base}/1.2-05/progress", new { on = "1900-01-01", text = "x" });
        Assert.Contains("\"field\":\"on\",\"rule\":\"range\"", await ancient.Content.ReadAsStringAsync());

        // another SME runs no sub-project; the authority reads all but reports nothing; a bank has no access
        Assert.Empty(await CodesAsync(await app.ClientAsAsync("sme-tezhijia")));
        var authority = await app.ClientAsAsync("hunan-gxt");
        Assert.Equal(28, (await CodesAsync(authority)).Count);
        Assert.Equal(HttpStatusCode.Forbidden, (await authority.PostAsJsonAsync($"{Base}/1.2-05/progress", new { on = "2020-11-30", text = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientAsAsync("bank-demo")).GetAsync(Base)).StatusCode);
    }

    [Fact]
    public async Task The_unit_reports_a_milestone_done_and_only_the_operator_approves_it()
    {
        await using var app = await TestApp.StartAsync();
        int id;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Web.Platform.Data.RongtongDb>();
            var p = await db.SubProjects.AsNoTracking().SingleAsync(x => x.Code == "1.2-05");
            id = (await scope.ServiceProvider.GetRequiredService<ProjectWork>().AddMilestoneAsync(p, "研发中心装修完成", new DateOnly(2020, 10, 31))).Id;
        }
        var unit = await app.ClientAsAsync("sme-changhong");
        var done = await unit.PostAsJsonAsync($"{Base}/1.2-05/milestones/{id}/done", new { doneOn = "2020-10-25" });
        Assert.Equal("reported", (await done.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await unit.PostAsync($"{Base}/1.2-05/milestones/{id}/approve", null)).StatusCode);
        var op = await app.ClientAsAsync("hengyang-op");
        var approved = await op.PostAsync($"{Base}/1.2-05/milestones/{id}/approve", null);
        Assert.Equal("approved", (await approved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        var list = await op.GetFromJsonAsync<JsonElement>(Base);
        Assert.Equal("running", list.EnumerateArray().Single(p => p.GetProperty("code").GetString() == "1.2-05").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_progress_photo_is_served_by_id_to_those_who_see_the_sub_project_only()
    {
        await using var app = await TestApp.StartAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Web.Platform.Data.RongtongDb>();
            var p = await db.SubProjects.AsNoTracking().SingleAsync(x => x.Code == "1.2-05");
            await scope.ServiceProvider.GetRequiredService<ProjectWork>().AddProgressAsync(p, new DateOnly(2020, 11, 30), "现场", null,
                [new Upload("site.jpg", () => new MemoryStream(ProjectWorkTests.Jpeg), "现场")]);
        }
        var unit = await app.ClientAsAsync("sme-changhong");
        var detail = await unit.GetFromJsonAsync<JsonElement>($"{Base}/1.2-05");
        var url = detail.GetProperty("updates").EnumerateArray().SelectMany(u => u.GetProperty("files").EnumerateArray()).Single().GetProperty("url").GetString()!;
        var photo = await unit.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
        Assert.Equal("image/jpeg", photo.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", photo.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(ProjectWorkTests.Jpeg, await photo.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientAsAsync("sme-tezhijia")).GetAsync(url)).StatusCode);
        // the same file id under another sub-project's path is not found either
        var id = url[(url.LastIndexOf('/') + 1)..];
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientAsAsync("hengyang-op")).GetAsync($"{Base}/1.2-04/files/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientAsAsync("hengyang-op")).GetAsync(url)).StatusCode);
    }
}
