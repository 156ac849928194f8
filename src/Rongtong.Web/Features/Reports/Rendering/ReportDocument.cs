namespace Rongtong.Web.Features.Reports.Rendering;

/// <summary>
/// A report laid out as blocks, independent of the output format. The report module builds it from a frozen
/// snapshot (every figure already formatted as the text must print it); the renderers only lay it out, so the
/// DOCX, PDF, HTML and XLSX of one snapshot can never disagree.
/// </summary>
/// <param name="Title">e.g. "衡阳高新区大中小企业融通型载体项目自评估报告".</param>
/// <param name="Subtitle">e.g. "2020年度 · 第2版 · 2026年11月28日批准".</param>
/// <param name="Draft">True when rendered from current data rather than an approved snapshot: every page is marked 草稿.</param>
/// <param name="DraftMark">The mark printed on every page of a draft, e.g. "草稿 — 未经批准".</param>
/// <param name="Footer">Printed at the foot of every page (with the page number where the format has pages).</param>
/// <param name="Language">"zh-CN" or "en": the document's language (sets the DOCX language and HTML lang).</param>
public sealed record ReportDocument(
    string Title,
    string Subtitle,
    bool Draft,
    string DraftMark,
    string Footer,
    string Language,
    IReadOnlyList<ReportSection> Sections);

/// <summary>A top-level section, e.g. Number "三", Heading "绩效目标完成情况" (printed "三、绩效目标完成情况").</summary>
public sealed record ReportSection(string Number, string Heading, IReadOnlyList<ReportBlock> Blocks);

/// <summary>One block of a section, laid out top to bottom.</summary>
public abstract record ReportBlock;

/// <summary>A sub-heading, e.g. "（一）产业集聚度情况".</summary>
public sealed record SubHeading(string Text) : ReportBlock;

/// <summary>
/// A paragraph (first line indented two characters, as Chinese official documents are).
/// <paramref name="Generated"/> marks text generated from data (sentences carrying figures), as opposed to narrative
/// typed by an operator; HTML shows the difference, print formats do not.
/// </summary>
public sealed record Paragraph(string Text, bool Generated = false) : ReportBlock;

/// <summary>Status of a table row, for colour in HTML/XLSX and a plain label in print.</summary>
public enum RowTone { None = 0, Good = 1, Neutral = 2, Bad = 3 }

/// <summary>
/// A table. Cells are already formatted text. <paramref name="NumericColumns"/> are right-aligned.
/// Long tables break across pages with the header row repeated; a row never splits across pages.
/// <paramref name="SheetName"/> names the worksheet when exported to XLSX (≤ 31 characters).
/// </summary>
public sealed record TableBlock(
    string Caption,
    string SheetName,
    IReadOnlyList<string> Columns,
    IReadOnlyList<TableRow> Rows,
    IReadOnlySet<int> NumericColumns) : ReportBlock;

public sealed record TableRow(IReadOnlyList<string> Cells, RowTone Tone = RowTone.None);

/// <summary>
/// A line chart: one line per series over the categories (e.g. "2018基准", "2019完成", "2020完成", "2021目标"),
/// null values leave a gap. Rendered to PNG with the CJK font and embedded in DOCX, PDF and HTML.
/// </summary>
public sealed record ChartBlock(
    string Title,
    string YAxisLabel,
    IReadOnlyList<string> Categories,
    IReadOnlyList<ChartSeries> Series) : ReportBlock;

public sealed record ChartSeries(string Name, IReadOnlyList<double?> Values);

/// <summary>
/// A photo with its caption (e.g. a sub-project's progress photo), already normalised to a JPEG of at most
/// <see cref="ReportPhotos.MaxWidth"/> pixels wide; printed at most half the text width, in proportion.
/// </summary>
public sealed record ImageBlock(byte[] Jpeg, int Width, int Height, string Caption) : ReportBlock;
