using System.Net;
using System.Text;

namespace Rongtong.Web.Features.Reports.Rendering;

/// <summary>
/// Renders a report as one self-contained HTML page (inline CSS, charts as data: URI PNGs) or as the body fragment
/// the app shows as a preview. Every text is HTML-encoded; row tones show as a colour and a label; generated
/// paragraphs carry a subtle left rule. All styles are scoped under <c>.rt-report</c> so the fragment can sit in any page.
/// </summary>
public static class HtmlRenderer
{
    /// <summary>The style sheet of the report; the app includes it once in its page head when it shows <see cref="RenderFragment"/>.</summary>
    public const string Stylesheet = """
        .rt-report{font-family:"Noto Serif CJK SC","Source Han Serif SC","SimSun","WenQuanYi Zen Hei",serif;color:#1b1b1b;line-height:1.8;max-width:52rem;margin:0 auto;padding:1.5rem}
        .rt-report h1{font-size:1.6rem;text-align:center;margin:.5rem 0 .25rem;font-weight:700}
        .rt-report .rt-subtitle{text-align:center;color:#555;margin:0 0 1.5rem}
        .rt-report .rt-draft{border:2px solid #c00;color:#c00;font-weight:700;text-align:center;padding:.25rem;margin-bottom:1rem;letter-spacing:.2em}
        .rt-report h2{font-size:1.3rem;margin:1.6rem 0 .6rem;font-family:"Noto Sans CJK SC","SimHei","WenQuanYi Zen Hei",sans-serif}
        .rt-report h3{font-size:1.1rem;margin:1.2rem 0 .4rem;font-family:"Noto Sans CJK SC","SimHei","WenQuanYi Zen Hei",sans-serif}
        .rt-report p{text-indent:2em;margin:.3rem 0;text-align:justify}
        .rt-report p.rt-generated{border-left:3px solid #c9d8ea;padding-left:.5rem;background:#f7fafd}
        .rt-report figure{margin:1rem 0;overflow-x:auto}
        .rt-report figcaption{font-weight:700;text-align:center;margin-bottom:.3rem}
        .rt-report table{border-collapse:collapse;width:100%;font-size:.9rem;line-height:1.5}
        .rt-report th,.rt-report td{border:1px solid #888;padding:.25rem .45rem;vertical-align:top}
        .rt-report th{background:#eef1f5;text-align:center}
        .rt-report td.rt-num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        .rt-report tr.rt-good td{background:#e8f5e9}
        .rt-report tr.rt-neutral td{background:#f5f5f5}
        .rt-report tr.rt-bad td{background:#fdecea}
        .rt-report td.rt-tone{white-space:nowrap;text-align:center}
        .rt-report td.rt-short{white-space:nowrap}
        .rt-report tr.rt-good td.rt-tone{color:#1b5e20}
        .rt-report tr.rt-bad td.rt-tone{color:#b71c1c;font-weight:700}
        .rt-report img.rt-chart{display:block;max-width:100%;height:auto;margin:0 auto}
        .rt-report figure.rt-photo{text-align:center}
        .rt-report figure.rt-photo img{display:block;width:50%;height:auto;margin:0 auto}
        .rt-report figure.rt-photo figcaption{font-weight:400;font-size:.9rem;color:#444;margin-top:.3rem}
        .rt-report footer{margin-top:2rem;border-top:1px solid #ccc;color:#666;font-size:.85rem;text-align:center}
        @media print{
          @page{size:A4;margin:2.2cm 2cm}
          .rt-report{max-width:none;padding:0;font-size:11pt}
          .rt-report h2,.rt-report h3,.rt-report figcaption{break-after:avoid}
          .rt-report thead{display:table-header-group}
          .rt-report tr,.rt-report img.rt-chart,.rt-report figure.rt-photo{break-inside:avoid}
          .rt-report p.rt-generated{background:none;border-left:none;padding-left:0}
          .rt-report tr.rt-good td,.rt-report tr.rt-neutral td,.rt-report tr.rt-bad td{-webkit-print-color-adjust:exact;print-color-adjust:exact}
        }
        """;

    /// <summary>A complete HTML document (UTF-8) with the style sheet inline.</summary>
    public static string RenderPage(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var sb = new StringBuilder(64 * 1024);
        sb.Append("<!DOCTYPE html>\n<html lang=\"").Append(E(document.Language)).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(document.Title)).Append("</title>\n<style>\n").Append(Stylesheet).Append("\n</style>\n</head>\n<body>\n");
        AppendFragment(sb, document);
        sb.Append("</body>\n</html>\n");
        return sb.ToString();
    }

    /// <summary>The report as an <c>&lt;article class="rt-report"&gt;</c> without html/head, for the in-app preview (add <see cref="Stylesheet"/>).</summary>
    public static string RenderFragment(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var sb = new StringBuilder(64 * 1024);
        AppendFragment(sb, document);
        return sb.ToString();
    }

    /// <summary>UTF-8 bytes of <see cref="RenderPage"/>.</summary>
    public static byte[] RenderBytes(ReportDocument document) => Encoding.UTF8.GetBytes(RenderPage(document));

    private static void AppendFragment(StringBuilder sb, ReportDocument d)
    {
        sb.Append("<article class=\"rt-report\" lang=\"").Append(E(d.Language)).Append("\">\n");
        if (d.Draft) sb.Append("<div class=\"rt-draft\" role=\"note\">").Append(E(d.DraftMark)).Append("</div>\n");
        sb.Append("<header>\n<h1>").Append(E(d.Title)).Append("</h1>\n");
        if (!string.IsNullOrWhiteSpace(d.Subtitle)) sb.Append("<p class=\"rt-subtitle\">").Append(E(d.Subtitle)).Append("</p>\n");
        sb.Append("</header>\n");
        foreach (var section in d.Sections)
        {
            sb.Append("<section>\n<h2>").Append(E(ReportText.SectionTitle(section))).Append("</h2>\n");
            foreach (var block in section.Blocks)
            {
                switch (block)
                {
                    case SubHeading h:
                        sb.Append("<h3>").Append(E(h.Text)).Append("</h3>\n");
                        break;
                    case Paragraph p:
                        sb.Append(p.Generated ? "<p class=\"rt-generated\" title=\"" + E(GeneratedHint(d.Language)) + "\">" : "<p>")
                            .Append(E(p.Text)).Append("</p>\n");
                        break;
                    case TableBlock t:
                        AppendTable(sb, t, d.Language);
                        break;
                    case ChartBlock c:
                        sb.Append("<figure>\n<img class=\"rt-chart\" alt=\"").Append(E(ChartAlt(c))).Append("\" width=\"")
                            .Append(ChartRenderer.DefaultWidth).Append("\" height=\"").Append(ChartRenderer.DefaultHeight)
                            .Append("\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(ChartRenderer.RenderPng(c))).Append("\">\n</figure>\n");
                        break;
                    case ImageBlock i:
                        sb.Append("<figure class=\"rt-photo\">\n<img alt=\"").Append(E(i.Caption)).Append("\" width=\"").Append(i.Width).Append("\" height=\"").Append(i.Height)
                            .Append("\" src=\"data:image/jpeg;base64,").Append(Convert.ToBase64String(i.Jpeg)).Append("\">\n<figcaption>").Append(E(i.Caption)).Append("</figcaption>\n</figure>\n");
                        break;
                }
            }
            sb.Append("</section>\n");
        }
        if (!string.IsNullOrWhiteSpace(d.Footer)) sb.Append("<footer>").Append(E(d.Footer)).Append("</footer>\n");
        sb.Append("</article>\n");
    }

    private static void AppendTable(StringBuilder sb, TableBlock table, string language)
    {
        var printed = ReportText.ForPrint(table, language);
        var toneColumn = printed.ToneColumn;
        sb.Append("<figure>\n<figcaption>").Append(E(printed.Caption)).Append("</figcaption>\n<table>\n<thead><tr>");
        foreach (var c in printed.Columns) sb.Append("<th scope=\"col\">").Append(E(c)).Append("</th>");
        sb.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in printed.Rows)
        {
            sb.Append(row.Tone switch
            {
                RowTone.Good => "<tr class=\"rt-good\">",
                RowTone.Neutral => "<tr class=\"rt-neutral\">",
                RowTone.Bad => "<tr class=\"rt-bad\">",
                _ => "<tr>",
            });
            for (var i = 0; i < row.Cells.Count; i++)
            {
                // a short word ("实施中", "1/3") stays on one line, as the PDF keeps it
                var cls = i == toneColumn ? " class=\"rt-tone\"" : printed.NumericColumns.Contains(i) ? " class=\"rt-num\""
                    : row.Cells[i]?.Length is > 0 and <= 4 ? " class=\"rt-short\"" : "";
                sb.Append("<td").Append(cls).Append('>').Append(E(row.Cells[i])).Append("</td>");
            }
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody>\n</table>\n</figure>\n");
    }

    private static string ChartAlt(ChartBlock c) =>
        c.Title + "：" + string.Join("；", c.Series.Select(s =>
            s.Name + " " + string.Join("、", c.Categories.Select((cat, i) =>
                cat + " " + (i < s.Values.Count && s.Values[i] is { } v ? v.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) : "—")))));

    private static string GeneratedHint(string language) => ReportText.IsChinese(language) ? "由数据生成" : "generated from data";

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
}
