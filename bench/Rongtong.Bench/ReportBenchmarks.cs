using BenchmarkDotNet.Attributes;
using Rongtong.Tests.Reports.Rendering;
using Rongtong.Web.Features.Reports.Rendering;

namespace Rongtong.Bench;

/// <summary>
/// Renders the sample self-assessment report (the one the renderer tests use: six dimensions, ~25 indicator rows,
/// six charts, an 80-row annex table) in each format. Targets: DOCX and PDF under 2 s each.
/// </summary>
[MemoryDiagnoser(false)]
public class ReportBenchmarks
{
    private readonly ReportDocument _document = SampleReportDocument.Build(draft: true);

    [GlobalSetup]
    public void Setup()
    {
        // font loading is once per process: pay it here, as a running web node has
        ChartRenderer.EnsureFont();
        PdfFontResolver.Ensure();
    }

    [Benchmark] public byte[] Docx() => DocxRenderer.Render(_document);
    [Benchmark] public byte[] Pdf() => PdfRenderer.Render(_document);
    [Benchmark] public string Html() => HtmlRenderer.RenderPage(_document);
    [Benchmark] public byte[] Xlsx() => XlsxRenderer.Render(_document);
    [Benchmark] public byte[] OneChart() => ChartRenderer.RenderPng(_document.Sections.SelectMany(s => s.Blocks).OfType<ChartBlock>().First());

    /// <summary>
    /// Writes the sample in every format to <paramref name="dir"/> with the time of the first call (font loading and
    /// JIT included) and the best of three more.
    /// </summary>
    public static void WriteSamples(string dir)
    {
        Directory.CreateDirectory(dir);
        var chart = SampleReportDocument.Build().Sections.SelectMany(s => s.Blocks).OfType<ChartBlock>().First();
        foreach (var draft in new[] { false, true })
        {
            var doc = SampleReportDocument.Build(draft);
            var name = draft ? "sample-draft" : "sample";
            Time($"{name}.pdf", () => PdfRenderer.Render(doc));
            Time($"{name}.docx", () => DocxRenderer.Render(doc));
            Time($"{name}.html", () => HtmlRenderer.RenderBytes(doc));
            Time($"{name}.xlsx", () => XlsxRenderer.Render(doc));
        }
        Time("chart.png", () => ChartRenderer.RenderPng(chart));

        void Time(string file, Func<byte[]> render)
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var bytes = render();
            var first = sw.ElapsedMilliseconds;
            var best = long.MaxValue;
            for (var i = 0; i < 3; i++)
            {
                sw.Restart();
                render();
                best = Math.Min(best, sw.ElapsedMilliseconds);
            }
            File.WriteAllBytes(Path.Combine(dir, file), bytes);
            Console.WriteLine($"{file,-22} {bytes.Length,10:N0} bytes  first {first,6} ms  best of 3 {best,6} ms");
        }
    }
}
