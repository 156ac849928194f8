using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Rongtong.Bench;

// usage:
//   dotnet run -c Release --project bench/Rongtong.Bench -- generate <n> <dir>     write enterprises-<n>.csv/.xlsx
//   dotnet run -c Release --project bench/Rongtong.Bench -- import                 BenchmarkDotNet import benchmarks
//   dotnet run -c Release --project bench/Rongtong.Bench -- report                 BenchmarkDotNet report rendering benchmarks
//   dotnet run -c Release --project bench/Rongtong.Bench -- indicators             BenchmarkDotNet indicator computation benchmarks
//   dotnet run -c Release --project bench/Rongtong.Bench -- indicators-once <Sqlite|Postgres>   computed values and median times
//   dotnet run -c Release --project bench/Rongtong.Bench -- report-samples <dir>   write the sample report in every format
//   dotnet run -c Release --project bench/Rongtong.Bench -- ledger                 BenchmarkDotNet fund summary benchmarks (500,000 ledger entries)
//   dotnet run -c Release --project bench/Rongtong.Bench -- ledger-once <Sqlite|Postgres>       figures checked against the baseline, median times
//   dotnet run -c Release --project bench/Rongtong.Bench -- search-once <Sqlite|Postgres> <connection string>   the registry view's build, search medians against SQL
// bench/run.sh runs the import benchmarks, bench/indicators.sh the indicator and report benchmarks, bench/ledger.sh
// the fund summary benchmarks (all three start PostgreSQL) and bench/load.sh the wrk load test.
if (args.Length >= 3 && args[0] == "generate")
{
    var n = int.Parse(args[1]);
    Console.WriteLine(Generator.WriteCsv(n, args[2]));
    Console.WriteLine(Generator.WriteXlsx(n, args[2]));
    return 0;
}
if (args.Length >= 3 && args[0] == "once")
{
    // one import with the time of each stage: once <n> <Sqlite|Postgres> [csv|xlsx]
    ImportBenchmarks.N = int.Parse(args[1]);
    await ImportBenchmarks.OnceAsync(args[2], args.Length > 3 ? args[3] : "csv");
    return 0;
}
if (args.Length >= 1 && args[0] == "import")
{
    var config = ManualConfig.Create(DefaultConfig.Instance)
        .AddJob(BenchmarkDotNet.Jobs.Job.Default
            .WithStrategy(BenchmarkDotNet.Engines.RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3)
            .WithInvocationCount(1).WithUnrollFactor(1)
            .WithToolchain(InProcessEmitToolchain.Instance))
        .AddColumn(new RowsPerSecond())
        .WithOptions(ConfigOptions.DisableOptimizationsValidator)
        .WithSummaryStyle(SummaryStyle.Default.WithRatioStyle(RatioStyle.Trend));
    BenchmarkRunner.Run<ImportBenchmarks>(config, args[1..]);
    return 0;
}
if (args.Length >= 2 && args[0] == "indicators-once")
{
    await IndicatorBenchmarks.OnceAsync(args[1]);
    return 0;
}
if (args.Length >= 1 && args[0] is "indicators" or "ledger")
{
    // read benchmarks: in-process, 5 warm-up and 15 measured iterations
    var config = ManualConfig.Create(DefaultConfig.Instance)
        .AddJob(BenchmarkDotNet.Jobs.Job.Default.WithToolchain(InProcessEmitToolchain.Instance)
            .WithWarmupCount(5).WithIterationCount(15))
        .WithOptions(ConfigOptions.DisableOptimizationsValidator);
    BenchmarkRunner.Run(args[0] == "ledger" ? typeof(LedgerBenchmarks) : typeof(IndicatorBenchmarks), config, args[1..]);
    return 0;
}
if (args.Length >= 2 && args[0] == "ledger-once")
{
    await LedgerBenchmarks.OnceAsync(args[1]);
    return 0;
}
if (args.Length >= 3 && args[0] == "search-once")
{
    await SearchOnce.RunAsync(args[1], args[2]);
    return 0;
}
if (args.Length >= 2 && args[0] == "report-samples")
{
    ReportBenchmarks.WriteSamples(args[1]);
    return 0;
}
if (args.Length >= 1 && args[0] == "report")
{
    var config = ManualConfig.Create(DefaultConfig.Instance)
        .AddJob(BenchmarkDotNet.Jobs.Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
        .WithOptions(ConfigOptions.DisableOptimizationsValidator);
    BenchmarkRunner.Run<ReportBenchmarks>(config, args[1..]);
    return 0;
}
Console.Error.WriteLine("usage: generate <n> <dir> | import | indicators | indicators-once <Sqlite|Postgres> | report | report-samples <dir> | ledger | ledger-once <Sqlite|Postgres> | search-once <Sqlite|Postgres> <connection string>");
return 2;

/// <summary>N / mean time, the figure the targets are stated in.</summary>
internal sealed class RowsPerSecond : IColumn
{
    public string Id => "RowsPerSecond";
    public string ColumnName => "rows/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "rows imported per second (N / mean)";
    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkDotNet.Running.BenchmarkCase benchmarkCase) => false;
    public string GetValue(Summary summary, BenchmarkDotNet.Running.BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkDotNet.Running.BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return mean is > 0 ? (ImportBenchmarks.N / (mean.Value / 1e9)).ToString("N0") : "–";
    }
}
