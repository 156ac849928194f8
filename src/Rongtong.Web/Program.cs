using Rongtong.Web.Features.Funds;
using Rongtong.Web.Features.Integration;
using Rongtong.Web.Features.Performance;
using Rongtong.Web.Features.Projects;
using Rongtong.Web.Features.Registry;
using Rongtong.Web.Features.Reports;
using Rongtong.Web.Platform;
using Rongtong.Web.Platform.Auth;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatform();
// modules, in the order of DESIGN.md §2; those not yet built are not listed
builder.Services.AddRegistry();
builder.Services.AddIntegration();
builder.Services.AddPerformance();
builder.Services.AddReports();
builder.Services.AddFunds();
builder.Services.AddProjects();

var app = builder.Build();
app.UsePlatform();
var api = app.MapGroup("/api/v1");
api.MapAuthApi();
api.MapRegistryApi();
api.MapIntegrationApi();
api.MapPerformanceApi();
api.MapReportsApi();
api.MapFundsApi();
api.MapProjectsApi();

await app.PrepareDatabaseAsync();
app.Run();

/// <summary>Entry point, visible to WebApplicationFactory.</summary>
public partial class Program;
