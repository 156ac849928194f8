using System.Buffers.Binary;
using Rongtong.Web.Features.Reports.Rendering;
using SkiaSharp;

namespace Rongtong.Tests.Reports.Rendering;

public sealed class FontAndChartTests
{
    private static ChartBlock Chart => SampleReportDocument.Build().Sections.SelectMany(s => s.Blocks).OfType<ChartBlock>().First(c => c.Series.Any(s => s.Values.Contains(null)));

    [Fact]
    public void Chart_png_decodes_at_the_requested_size_and_is_drawn()
    {
        var png = ChartRenderer.RenderPng(Chart, 900, 480);
        using var bitmap = SKBitmap.Decode(png);
        Assert.NotNull(bitmap);
        Assert.Equal(900, bitmap.Width);
        Assert.Equal(480, bitmap.Height);
        var background = bitmap.GetPixel(2, 2);
        var inked = 0;
        var coloured = 0;
        for (var y = 0; y < bitmap.Height; y += 2)
            for (var x = 0; x < bitmap.Width; x += 2)
            {
                var p = bitmap.GetPixel(x, y);
                if (p != background) inked++;
                if (Math.Abs(p.Red - p.Blue) > 60) coloured++; // the series lines
            }
        Assert.True(inked > 2000, $"only {inked} non-background pixels");
        Assert.True(coloured > 100, $"only {coloured} coloured pixels: no series drawn");
    }

    [Fact]
    public void A_chart_with_no_values_still_renders()
    {
        var empty = new ChartBlock("无数据", "家", ["2019", "2020"], [new ChartSeries("指标", [null, null])]);
        using var bitmap = SKBitmap.Decode(ChartRenderer.RenderPng(empty, 400, 300));
        Assert.Equal(400, bitmap.Width);
    }

    [Fact]
    public void Null_values_split_a_series_into_segments()
    {
        var segments = ChartRenderer.Segments([1, null, 3, 4, null], 5).ToArray();
        Assert.Equal(2, segments.Length);
        Assert.Equal([0.0], segments[0].Xs);
        Assert.Equal([2.0, 3.0], segments[1].Xs);
        Assert.Equal([3.0, 4.0], segments[1].Ys);
    }

    [Fact]
    public void A_missing_font_fails_with_the_remedy_in_the_message()
    {
        var e = Assert.Throws<InvalidOperationException>(() => CjkFont.Locate("/nonexistent/wqy-zenhei.ttc"));
        Assert.Contains("fonts-wqy-zenhei", e.Message);
        Assert.Contains("RONGTONG_CJK_FONT", e.Message);
    }

    [Fact]
    public void Face_zero_of_the_collection_becomes_a_standalone_truetype_font()
    {
        var ttc = File.ReadAllBytes(CjkFont.FilePath);
        Assert.Equal(0x74746366u, BinaryPrimitives.ReadUInt32BigEndian(ttc)); // 'ttcf'
        var ttf = CjkFont.TrueTypeBytes;
        Assert.Equal(0x00010000u, BinaryPrimitives.ReadUInt32BigEndian(ttf));
        var tables = BinaryPrimitives.ReadUInt16BigEndian(ttf.AsSpan(4));
        var tags = Enumerable.Range(0, tables).Select(i => System.Text.Encoding.ASCII.GetString(ttf, 12 + 16 * i, 4)).ToArray();
        Assert.Contains("glyf", tags);
        Assert.Contains("cmap", tags);
        Assert.All(Enumerable.Range(0, tables), i =>
        {
            var offset = BinaryPrimitives.ReadUInt32BigEndian(ttf.AsSpan(12 + 16 * i + 8));
            var length = BinaryPrimitives.ReadUInt32BigEndian(ttf.AsSpan(12 + 16 * i + 12));
            Assert.True(offset % 4 == 0 && offset + length <= ttf.Length);
        });
        using var typeface = SKTypeface.FromData(SKData.CreateCopy(ttf));
        Assert.NotNull(typeface);
        Assert.Equal(CjkFont.FamilyName, typeface.FamilyName);
        Assert.True(typeface.ContainsGlyphs("融通型特色载体"));
    }
}
