using DocumentFormat.OpenXml.Packaging;
using Rongtong.Web.Features.Reports.Rendering;
using SkiaSharp;

namespace Rongtong.Tests.Reports.Rendering;

/// <summary>Photos in the report: normalised once, then laid out by every renderer with their caption.</summary>
public sealed class ReportPhotoTests
{
    /// <summary>A real JPEG of the given size (a gradient, so that it compresses like a photo).</summary>
    public static byte[] Jpeg(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        using (var paint = new SKPaint { Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(width, height), [SKColors.SteelBlue, SKColors.IndianRed], SKShaderTileMode.Clamp) })
            canvas.DrawRect(0, 0, width, height, paint);
        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(SKEncodedImageFormat.Jpeg, 85).ToArray();
    }

    [Fact]
    public void A_large_photo_is_scaled_to_the_report_width_in_proportion_and_a_small_one_is_kept()
    {
        var large = ReportPhotos.Load(new MemoryStream(Jpeg(3000, 1000)), "大图")!;
        Assert.Equal((ReportPhotos.MaxWidth, 320), (large.Width, large.Height));
        var small = ReportPhotos.Load(new MemoryStream(Jpeg(400, 300)), "小图")!;
        Assert.Equal((400, 300), (small.Width, small.Height));
        using var decoded = SKBitmap.Decode(small.Jpeg);
        Assert.Equal(400, decoded.Width);
        Assert.Null(ReportPhotos.Load(new MemoryStream("not an image"u8.ToArray()), "坏图"));
        // a file declaring more pixels than an upload may have (stored before the limit) is left out, not decoded
        Assert.Null(ReportPhotos.Load(new MemoryStream(Projects.ProjectWorkTests.HugePng()), "巨图"));
        // a JPEG four times the report's width is decoded at a quarter and comes out exactly as wide as the report
        var wide = ReportPhotos.Load(new MemoryStream(Jpeg(3840, 2160)), "宽图")!;
        Assert.Equal((ReportPhotos.MaxWidth, 540), (wide.Width, wide.Height));
        // by store key, a photo is decoded once and keeps each use's caption
        var key = Guid.NewGuid().ToString("N");
        var opened = 0;
        Stream Open() { opened++; return new MemoryStream(Jpeg(1200, 900)); }
        var first = ReportPhotos.LoadCached(key, Open, "第一次")!;
        var again = ReportPhotos.LoadCached(key, Open, "第二次")!;
        Assert.Equal((1, "第一次", "第二次"), (opened, first.Caption, again.Caption));
        Assert.Same(first.Jpeg, again.Jpeg);
    }

    [Fact]
    public void Every_renderer_lays_out_the_photo_with_its_caption()
    {
        var photo = ReportPhotos.Load(new MemoryStream(Jpeg(1200, 900)), "试验台安装现场（2020年11月30日）")!;
        var doc = new ReportDocument("标题", "副标题", false, "草稿", "页脚", "zh-CN",
            [new ReportSection("一", "双创特色载体发展情况", [new Paragraph("正文。"), photo, new Paragraph("其后。")])]);

        using (var docx = WordprocessingDocument.Open(new MemoryStream(DocxRenderer.Render(doc)), false))
        {
            Assert.Single(docx.MainDocumentPart!.ImageParts, p => p.ContentType == "image/jpeg");
            Assert.Contains("试验台安装现场（2020年11月30日）", docx.MainDocumentPart.Document!.Body!.InnerText);
        }
        var pdf = PopplerTools.WriteTemp(PdfRenderer.Render(doc), ".pdf");
        Assert.Contains("试验台安装现场（2020年11月30日）", PopplerTools.Squash(string.Join("", PopplerTools.PageTexts(pdf))));
        var images = PopplerTools.Run("pdfimages", "-list", pdf);
        // the photo is embedded at its normalised size (pdfimages -list: page, num, type, width, height, …)
        Assert.Contains(images.Split('\n'), l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [_, _, "image", "960", "720", ..]);
        var html = HtmlRenderer.RenderFragment(doc);
        Assert.Contains("data:image/jpeg;base64,", html);
        Assert.Contains("<figcaption>试验台安装现场（2020年11月30日）</figcaption>", html);
    }
}
