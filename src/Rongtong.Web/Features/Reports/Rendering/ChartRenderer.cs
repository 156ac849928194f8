using ScottPlot;

namespace Rongtong.Web.Features.Reports.Rendering;

/// <summary>
/// Draws a <see cref="ChartBlock"/> as a PNG with ScottPlot: one line per series over the categories, null values
/// leaving a gap, category labels on the horizontal axis, the legend below the plot, every text in the CJK font.
/// </summary>
public static class ChartRenderer
{
    public const int DefaultWidth = 1200;
    public const int DefaultHeight = 640;

    private static readonly object FontLock = new();
    private static bool _fontRegistered;

    private static readonly Color[] Palette =
    [
        Color.FromHex("#1f5fa8"), Color.FromHex("#d9822b"), Color.FromHex("#2e8b57"),
        Color.FromHex("#b03a48"), Color.FromHex("#6a4c93"), Color.FromHex("#5f6b73"),
    ];

    private static readonly MarkerShape[] Markers = [MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond];

    /// <summary>PNG bytes of the chart, <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
    public static byte[] RenderPng(ChartBlock chart, int width = DefaultWidth, int height = DefaultHeight)
    {
        ArgumentNullException.ThrowIfNull(chart);
        EnsureFont();
        var scale = width / 800.0;
        var plot = new Plot();
        try
        {
            plot.ScaleFactor = (float)scale;
            plot.Font.Set(CjkFont.FamilyName);
            plot.FigureBackground.Color = Colors.White;
            plot.DataBackground.Color = Colors.White;
            plot.Axes.Color(Color.FromHex("#444444"));
            plot.Grid.MajorLineColor = Color.FromHex("#000000").WithOpacity(0.08);
            plot.Axes.Right.IsVisible = false;
            plot.Axes.Top.IsVisible = false;
            plot.Axes.Left.FrameLineStyle.Color = Color.FromHex("#888888");
            plot.Axes.Bottom.FrameLineStyle.Color = Color.FromHex("#888888");

            plot.Axes.Title.Label.Text = chart.Title;
            plot.Axes.Title.Label.FontName = CjkFont.FamilyName;
            plot.Axes.Title.Label.FontSize = 16;
            plot.Axes.Title.Label.Bold = false;
            plot.Axes.Left.Label.Text = chart.YAxisLabel;
            plot.Axes.Left.Label.FontName = CjkFont.FamilyName;
            plot.Axes.Left.Label.FontSize = 13;
            plot.Axes.Left.Label.Bold = false;

            var positions = Enumerable.Range(0, chart.Categories.Count).Select(i => (double)i).ToArray();
            plot.Axes.Bottom.SetTicks(positions, chart.Categories.ToArray());
            plot.Axes.Bottom.TickLabelStyle.FontName = CjkFont.FamilyName;
            plot.Axes.Bottom.TickLabelStyle.FontSize = 12;
            plot.Axes.Left.TickLabelStyle.FontName = CjkFont.FamilyName;
            plot.Axes.Left.TickLabelStyle.FontSize = 12;
            plot.Axes.Bottom.MajorTickStyle.Length = 0;

            var anyValue = false;
            for (var s = 0; s < chart.Series.Count; s++)
            {
                var series = chart.Series[s];
                // past the palette, the marker changes too, so that no two lines look alike
                var color = Palette[s % Palette.Length];
                var marker = Markers[s / Palette.Length % Markers.Length];
                var first = true;
                foreach (var (xs, ys) in Segments(series.Values, chart.Categories.Count))
                {
                    anyValue = true;
                    var line = plot.Add.Scatter(xs, ys, color);
                    line.LineWidth = 2.5f;
                    line.MarkerSize = 8;
                    line.MarkerShape = marker;
                    line.LegendText = first ? series.Name : "";
                    first = false;
                }
                if (first)
                {
                    // a series without any value still appears in the legend, so the reader sees it is missing
                    plot.Legend.ManualItems.Add(new LegendItem { LabelText = series.Name, LineColor = color, LineWidth = 2.5f, MarkerShape = MarkerShape.OpenCircle, MarkerColor = color });
                }
            }

            plot.Legend.FontName = CjkFont.FamilyName;
            plot.Legend.FontSize = 12;
            plot.Legend.OutlineColor = Colors.Transparent;
            plot.Legend.BackgroundColor = Colors.White;
            plot.Legend.ShadowColor = Colors.Transparent;
            plot.ShowLegend(Edge.Bottom);

            // half a category of room on each side: the outer tick labels ("2021年目标") are centred on their ticks
            plot.Axes.SetLimitsX(-0.5, Math.Max(chart.Categories.Count - 1, 0) + 0.5);
            if (anyValue)
            {
                plot.Axes.AutoScaleY();
                plot.Axes.Margins(bottom: 0.12, top: 0.15);
                var limits = plot.Axes.GetLimits();
                var allPositive = chart.Series.SelectMany(s => s.Values).All(v => v is null or >= 0);
                if (allPositive && limits.Bottom < 0) plot.Axes.SetLimitsY(0, limits.Top);
            }
            else
            {
                plot.Axes.SetLimitsY(0, 1);
            }
            return plot.GetImageBytes(width, height, ImageFormat.Png);
        }
        finally
        {
            plot.Dispose();
        }
    }

    /// <summary>Runs of consecutive non-null values; each becomes its own line so nulls leave gaps.</summary>
    internal static IEnumerable<(double[] Xs, double[] Ys)> Segments(IReadOnlyList<double?> values, int count)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        for (var i = 0; i <= Math.Min(values.Count, count); i++)
        {
            var v = i < values.Count && i < count ? values[i] : null;
            if (v is { } d && double.IsFinite(d))
            {
                xs.Add(i);
                ys.Add(d);
                continue;
            }
            if (xs.Count > 0) yield return (xs.ToArray(), ys.ToArray());
            xs.Clear();
            ys.Clear();
        }
    }

    /// <summary>Registers the CJK font with ScottPlot once per process and checks that it draws Chinese.</summary>
    public static void EnsureFont()
    {
        if (Volatile.Read(ref _fontRegistered)) return;
        lock (FontLock)
        {
            if (_fontRegistered) return;
            var path = CjkFont.FilePath;
            Fonts.AddFontFile(CjkFont.FamilyName, path);
            var typeface = Fonts.GetTypeface(CjkFont.FamilyName, false, false);
            if (!typeface.ContainsGlyphs("中文报告"))
                throw new InvalidOperationException($"The font at '{path}' has no Chinese glyphs; charts would print boxes. Set RONGTONG_CJK_FONT to a font with CJK glyphs.");
            Volatile.Write(ref _fontRegistered, true);
        }
    }
}
