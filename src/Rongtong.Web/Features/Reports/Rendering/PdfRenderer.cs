using System.Text;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Rongtong.Web.Features.Reports.Rendering;

/// <summary>
/// Renders a report as an A4 PDF with PDFsharp, laying text out itself: Chinese text breaks between any two CJK
/// characters (closing punctuation never starts a line, opening punctuation never ends one; Latin words stay whole),
/// headings are kept with what follows, tables take column widths from their content, wrap inside cells, break
/// between rows only and repeat their header row (under a "（续）" caption) on every page, charts are PNG images.
/// Every page carries "第 n 页 / 共 m 页" in the footer and, for a draft, the draft mark in red at its head.
/// The CJK font is embedded (subset).
/// </summary>
public static class PdfRenderer
{
    public static byte[] Render(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        PdfFontResolver.Ensure();
        var layout = new PdfLayout(document);
        layout.Run();
        using var pdf = new PdfDocument();
        pdf.Info.Title = document.Title;
        pdf.Info.Creator = "Rongtong";
        pdf.Language = document.Language;
        var total = layout.Pages.Count;
        for (var i = 0; i < total; i++)
        {
            var page = pdf.AddPage();
            page.Size = PageSize.A4;
            page.Orientation = PageOrientation.Portrait;
            using var gfx = XGraphics.FromPdfPage(page);
            foreach (var op in layout.Pages[i]) op(gfx);
            layout.DrawPageFrame(gfx, i + 1, total);
        }
        using var ms = new MemoryStream();
        pdf.Save(ms, false);
        return ms.ToArray();
    }
}

/// <summary>The page layout of one PDF: a list of pages, each a list of drawing operations, placed top to bottom.</summary>
internal sealed class PdfLayout
{
    public const double PageWidth = 595.28, PageHeight = 841.89;
    private const double MarginLeft = 72, MarginRight = 64, MarginTop = 76, MarginBottom = 72;
    private const double ContentWidth = PageWidth - MarginLeft - MarginRight;
    private const double Bottom = PageHeight - MarginBottom;
    private const double CellPadX = 4, CellPadY = 3;

    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);
    private static readonly XPen Rule = new(XColor.FromArgb(0x99, 0x99, 0x99), 0.5);
    private static readonly XPen Grid = new(XColors.Black, 0.6);
    private static readonly XBrush Ink = XBrushes.Black;
    private static readonly XBrush Grey = new XSolidBrush(XColor.FromArgb(0x55, 0x55, 0x55));
    private static readonly XBrush Red = new XSolidBrush(XColor.FromArgb(0xC0, 0x00, 0x00));
    private static readonly XBrush HeaderFill = new XSolidBrush(XColor.FromArgb(0xEE, 0xF1, 0xF5));

    private readonly ReportDocument _doc;
    private readonly TextMeasure _measure = new();
    private readonly XFont _title = F(19, true), _subtitle = F(11), _h1 = F(15, true), _h2 = F(12.5, true), _body = F(11.5),
        _caption = F(10.5, true), _tableHead = F(9.5, true), _table = F(9.5), _small = F(8.5), _draft = F(10, true);

    public List<List<Action<XGraphics>>> Pages { get; } = [];
    private List<Action<XGraphics>> _page = null!;
    private double _y;

    public PdfLayout(ReportDocument doc) => _doc = doc;

    private static XFont F(double size, bool bold = false) => new(CjkFont.FamilyName, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, Unicode);

    private static double LineHeight(XFont font, double factor = 1.55) => font.Size * factor;

    public void Run()
    {
        NewPage();
        Centered(_doc.Title, _title, LineHeight(_title, 1.45));
        if (!string.IsNullOrWhiteSpace(_doc.Subtitle))
        {
            _y += 4;
            Centered(_doc.Subtitle, _subtitle, LineHeight(_subtitle));
        }
        _y += 14;
        foreach (var section in _doc.Sections)
        {
            var subFirst = section.Blocks.Count > 0 && section.Blocks[0] is SubHeading;
            Heading(ReportText.SectionTitle(section), _h1, before: 12, after: 6, indent: 0, keepExtra: subFirst ? LineHeight(_h2, 1.5) + 11 : 0);
            for (var b = 0; b < section.Blocks.Count; b++)
            {
                switch (section.Blocks[b])
                {
                    case SubHeading h:
                        Heading(h.Text, _h2, before: 8, after: 3, indent: 2 * _body.Size, keepExtra: 0);
                        break;
                    case Paragraph p:
                        Text(p.Text, _body, LineHeight(_body, 1.7), firstIndent: 2 * _body.Size, after: 3);
                        break;
                    case TableBlock t:
                        Table(ReportText.ForPrint(t, _doc.Language));
                        break;
                    case ChartBlock c:
                        Picture(ChartRenderer.RenderPng(c, ChartRenderer.DefaultWidth, ChartRenderer.DefaultHeight), ChartRenderer.DefaultWidth, ChartRenderer.DefaultHeight, 0.9, null);
                        break;
                    case ImageBlock i:
                        Picture(i.Jpeg, i.Width, i.Height, 0.5, i.Caption);
                        break;
                }
            }
        }
    }

    private void NewPage()
    {
        _page = [];
        Pages.Add(_page);
        _y = MarginTop;
    }

    private void Ensure(double height)
    {
        if (_y + height > Bottom && _y > MarginTop + 0.1) NewPage();
    }

    /// <summary>Running head, draft mark and footer with the page label, drawn once the page count is known.</summary>
    public void DrawPageFrame(XGraphics g, int page, int pages)
    {
        var headY = MarginTop - 30;
        if (page > 1) g.DrawString(Fit(_doc.Title, _small, ContentWidth * 0.6), _small, Grey, MarginLeft, headY, XStringFormats.TopLeft);
        if (_doc.Draft)
        {
            var w = _measure.Width(_doc.DraftMark, _draft);
            g.DrawRectangle(new XPen(XColor.FromArgb(0xC0, 0, 0), 0.8), PageWidth - MarginRight - w - 8, headY - 4, w + 8, _draft.Size + 8);
            g.DrawString(_doc.DraftMark, _draft, Red, PageWidth - MarginRight - w - 4, headY, XStringFormats.TopLeft);
        }
        g.DrawLine(Rule, MarginLeft, headY + 16, PageWidth - MarginRight, headY + 16);

        var footY = PageHeight - MarginBottom + 26;
        g.DrawLine(Rule, MarginLeft, footY - 6, PageWidth - MarginRight, footY - 6);
        var label = ReportText.PageLabel(page, pages, _doc.Language);
        var lw = _measure.Width(label, _small);
        g.DrawString(label, _small, Grey, PageWidth - MarginRight - lw, footY, XStringFormats.TopLeft);
        if (!string.IsNullOrWhiteSpace(_doc.Footer))
            g.DrawString(Fit(_doc.Footer, _small, ContentWidth - lw - 20), _small, Grey, MarginLeft, footY, XStringFormats.TopLeft);
    }

    private string Fit(string text, XFont font, double width)
    {
        if (_measure.Width(text, font) <= width) return text;
        var sb = new StringBuilder();
        foreach (var r in text.EnumerateRunes())
        {
            if (_measure.Width(sb + r.ToString() + "…", font) > width) break;
            sb.Append(r.ToString());
        }
        return sb + "…";
    }

    private void Centered(string text, XFont font, double lineHeight)
    {
        foreach (var line in _measure.Wrap(text, font, ContentWidth, ContentWidth))
        {
            Ensure(lineHeight);
            var x = MarginLeft + (ContentWidth - _measure.Width(line, font)) / 2;
            var y = _y + (lineHeight - font.Size) / 2;
            _page.Add(g => g.DrawString(line, font, Ink, x, y, XStringFormats.TopLeft));
            _y += lineHeight;
        }
    }

    private void Heading(string text, XFont font, double before, double after, double indent, double keepExtra)
    {
        var lh = LineHeight(font, 1.5);
        var lines = _measure.Wrap(text, font, ContentWidth - indent, ContentWidth - indent);
        // keep the heading with at least three lines of what follows (and with a sub-heading that comes first)
        Ensure(before + lines.Count * lh + after + keepExtra + 3 * LineHeight(_body, 1.7));
        if (_y > MarginTop + 0.1) _y += before;
        foreach (var line in lines)
        {
            var x = MarginLeft + indent;
            var y = _y + (lh - font.Size) / 2;
            _page.Add(g => g.DrawString(line, font, Ink, x, y, XStringFormats.TopLeft));
            _y += lh;
        }
        _y += after;
    }

    private void Text(string text, XFont font, double lh, double firstIndent, double after)
    {
        var lines = _measure.Wrap(text, font, ContentWidth - firstIndent, ContentWidth);
        // no single first line at the foot of a page
        Ensure(Math.Min(lines.Count, 2) * lh);
        for (var i = 0; i < lines.Count; i++)
        {
            // no single last line at the head of a page
            if (i == lines.Count - 2 && lines.Count > 2) Ensure(2 * lh); else Ensure(lh);
            var x = MarginLeft + (i == 0 ? firstIndent : 0);
            var y = _y + (lh - font.Size) / 2;
            var line = lines[i];
            var last = i == lines.Count - 1;
            var pieces = last ? null : _measure.Justify(line, font, ContentWidth - (i == 0 ? firstIndent : 0));
            if (pieces is null) _page.Add(g => g.DrawString(line, font, Ink, x, y, XStringFormats.TopLeft));
            else _page.Add(g => { foreach (var (piece, dx) in pieces) g.DrawString(piece, font, Ink, x + dx, y, XStringFormats.TopLeft); });
            _y += lh;
        }
        _y += after;
    }

    /// <summary>A centred picture of <paramref name="share"/> of the text width, in proportion, with its caption kept on the same page.</summary>
    private void Picture(byte[] bytes, int w, int h, double share, string? caption)
    {
        var width = ContentWidth * share;
        var height = width * h / w;
        var captionHeight = caption is null ? 0 : LineHeight(_caption, 1.5) * 2;
        Ensure(height + 12 + captionHeight);
        var x = MarginLeft + (ContentWidth - width) / 2;
        var y = _y + 6;
        _page.Add(g =>
        {
            using var image = XImage.FromStream(new MemoryStream(bytes));
            g.DrawImage(image, x, y, width, height);
        });
        _y += height + 12;
        if (caption is not null)
        {
            var line = Fit(caption, _caption, ContentWidth);
            var cx = MarginLeft + (ContentWidth - _measure.Width(line, _caption)) / 2;
            var cy = _y;
            _page.Add(g => g.DrawString(line, _caption, Ink, cx, cy, XStringFormats.TopLeft));
            _y += captionHeight;
        }
    }

    private void Table(PrintedTable t)
    {
        var n = t.Columns.Count;
        var natural = new double[n];
        var minimum = new double[n];
        var minCol = 2 * _table.Size + 2 * CellPadX;
        for (var c = 0; c < n; c++)
        {
            var header = _measure.Width(t.Columns[c], _tableHead);
            natural[c] = header + 2 * CellPadX;
            // a short heading ("序号", "单位", "状态") is not broken between its characters, nor a word of a longer one ("Achievement")
            minimum[c] = Math.Max(minCol, (header <= 4.5 * _tableHead.Size ? header : _measure.WidestWord(t.Columns[c], _tableHead)) + 2 * CellPadX);
            foreach (var row in t.Rows)
            {
                var text = row.Cells[c];
                natural[c] = Math.Max(natural[c], _measure.Width(text, _table) + 2 * CellPadX);
                // numbers, status labels and short words ("实施中", "1/3") are not broken between their characters
                var width = _measure.Width(text, _table);
                var unbreakable = t.Unbreakable(c) || width <= 3.5 * _table.Size ? width : _measure.WidestUnit(text, _table);
                minimum[c] = Math.Max(minimum[c], unbreakable + 2 * CellPadX);
            }
        }
        var widths = ColumnWidths.Distribute(natural, minimum, ContentWidth);
        var lh = LineHeight(_table, 1.35);

        var captionHeight = LineHeight(_caption, 1.6);
        var maxLines = int.MaxValue;

        double RowHeight(IReadOnlyList<string> cells, XFont font, out List<string>[] wrapped)
        {
            wrapped = new List<string>[n];
            var lines = 1;
            for (var c = 0; c < n; c++)
            {
                wrapped[c] = _measure.Wrap(cells[c], font, widths[c] - 2 * CellPadX, widths[c] - 2 * CellPadX);
                if (wrapped[c].Count > maxLines)
                {
                    // a row never splits, so a cell taller than a page is cut (marked "…") rather than run over the footer
                    wrapped[c] = wrapped[c].Take(maxLines).ToList();
                    wrapped[c][^1] = wrapped[c][^1][..Math.Max(0, wrapped[c][^1].Length - 2)] + "…";
                }
                lines = Math.Max(lines, wrapped[c].Count);
            }
            return lines * lh + 2 * CellPadY;
        }

        var headerHeight = RowHeight(t.Columns, _tableHead, out var headerLines);
        maxLines = Math.Max(1, (int)((Bottom - MarginTop - 2 * captionHeight - headerHeight - 2 * CellPadY) / lh));
        var rows = t.Rows.Select(r => (Row: r, Height: RowHeight(r.Cells, _table, out var lines), Lines: lines)).ToArray();

        // a short table is not broken at all; a long one keeps its caption with the header and the first three rows
        var whole = captionHeight + headerHeight + rows.Sum(r => r.Height) + 4;
        Ensure(whole <= (Bottom - MarginTop) / 3 ? whole : captionHeight + headerHeight + rows.Take(3).Sum(r => r.Height) + 4);
        _y += 4;
        CaptionLine(t.Caption);
        DrawRow(headerLines, headerHeight, widths, _tableHead, header: true, RowTone.None, t.NumericColumns, -1);
        foreach (var (row, height, lines) in rows)
        {
            if (_y + height > Bottom)
            {
                NewPage();
                CaptionLine(t.Caption + (ReportText.IsChinese(_doc.Language) ? "（续）" : " (continued)"));
                DrawRow(headerLines, headerHeight, widths, _tableHead, header: true, RowTone.None, t.NumericColumns, -1);
            }
            DrawRow(lines, height, widths, _table, header: false, row.Tone, t.NumericColumns, t.ToneColumn);
        }
        _y += 10;
    }

    private void CaptionLine(string caption)
    {
        var lh = LineHeight(_caption, 1.6);
        foreach (var line in _measure.Wrap(caption, _caption, ContentWidth, ContentWidth))
        {
            var x = MarginLeft + (ContentWidth - _measure.Width(line, _caption)) / 2;
            var y = _y + (lh - _caption.Size) / 2;
            _page.Add(g => g.DrawString(line, _caption, Ink, x, y, XStringFormats.TopLeft));
            _y += lh;
        }
    }

    private void DrawRow(List<string>[] cells, double height, double[] widths, XFont font, bool header, RowTone tone,
        IReadOnlySet<int> numeric, int toneColumn)
    {
        var top = _y;
        var lh = LineHeight(_table, 1.35);
        var x = MarginLeft;
        for (var c = 0; c < cells.Length; c++)
        {
            var left = x;
            var width = widths[c];
            var lines = cells[c];
            var textTop = top + (height - lines.Count * lh) / 2;
            var brush = !header && c == toneColumn && tone == RowTone.Bad ? Red : Ink;
            var cellFont = !header && c == toneColumn && tone == RowTone.Bad ? _tableHead : font;
            var align = header || c == toneColumn ? 0 : numeric.Contains(c) ? 1 : -1; // 0 centre, 1 right, -1 left
            _page.Add(g =>
            {
                if (header) g.DrawRectangle(HeaderFill, left, top, width, height);
                g.DrawRectangle(Grid, left, top, width, height);
            });
            for (var i = 0; i < lines.Count; i++)
            {
                var line = lines[i];
                var w = _measure.Width(line, cellFont);
                var lx = align switch { 1 => left + width - CellPadX - w, 0 => left + (width - w) / 2, _ => left + CellPadX };
                var ly = textTop + i * lh + (lh - cellFont.Size) / 2;
                _page.Add(g => g.DrawString(line, cellFont, brush, lx, ly, XStringFormats.TopLeft));
            }
            x += width;
        }
        _y += height;
    }
}

/// <summary>
/// Widths of text in a font (cached per character) and line breaking. Units that never break: a run of non-CJK,
/// non-space characters (a Latin word or a number); each CJK character is a unit of its own. Closing punctuation is
/// glued to the unit before it and opening punctuation to the unit after it, so that no line starts with "，。；：、）"
/// or ends with "（“".
/// </summary>
internal sealed class TextMeasure
{
    private const string NoLineStart = "，。；：、）》」』】〕！？…—％,.;:!?)]}%”’·";
    private const string NoLineEnd = "（《「『【〔([{“‘";

    private readonly XGraphics _context = XGraphics.CreateMeasureContext(new XSize(PdfLayout.PageWidth, PdfLayout.PageHeight), XGraphicsUnit.Point, XPageDirection.Downwards);
    private readonly Dictionary<XFont, Dictionary<int, double>> _widths = [];

    public double Width(string text, XFont font)
    {
        if (!_widths.TryGetValue(font, out var cache)) _widths[font] = cache = [];
        double w = 0;
        foreach (var r in text.EnumerateRunes())
        {
            if (!cache.TryGetValue(r.Value, out var cw))
            {
                cw = _context.MeasureString(r.ToString(), font).Width;
                cache[r.Value] = cw;
            }
            w += cw;
        }
        return w;
    }

    /// <summary>The width of the widest unit that cannot be broken (for a column's minimum width).</summary>
    public double WidestUnit(string text, XFont font) => Units(text).Where(u => u.Kind == UnitKind.Text).Select(u => Width(u.Text, font)).DefaultIfEmpty(0).Max();

    /// <summary>The widest Latin word of <paramref name="text"/> ("Achievement"); 0 when it has none (Chinese breaks between characters).</summary>
    public double WidestWord(string text, XFont font) =>
        Units(text).Where(u => u.Kind == UnitKind.Text && u.Text.Any(char.IsAsciiLetter)).Select(u => Width(u.Text, font)).DefaultIfEmpty(0).Max();

    private enum UnitKind { Text, Space, Newline }

    private readonly record struct Unit(string Text, UnitKind Kind);

    private static List<Unit> Units(string text)
    {
        var units = new List<Unit>();
        var word = new StringBuilder();
        var glueNext = new StringBuilder(); // opening punctuation waiting for the unit it belongs to
        void Flush()
        {
            if (word.Length == 0) return;
            units.Add(new Unit(word.ToString(), UnitKind.Text));
            word.Clear();
        }
        void Add(string s)
        {
            units.Add(new Unit(glueNext + s, UnitKind.Text));
            glueNext.Clear();
        }
        foreach (var rune in text.EnumerateRunes())
        {
            var s = rune.ToString();
            if (rune.Value == '\n') { Flush(); units.Add(new Unit("", UnitKind.Newline)); continue; }
            if (rune.Value == '\r') continue;
            if (Rune.IsWhiteSpace(rune) && rune.Value != 0x3000) { Flush(); units.Add(new Unit(" ", UnitKind.Space)); continue; }
            if (NoLineStart.Contains(s, StringComparison.Ordinal))
            {
                if (word.Length > 0) { word.Append(s); continue; }
                if (units.Count > 0 && units[^1].Kind == UnitKind.Text) { units[^1] = units[^1] with { Text = units[^1].Text + s }; continue; }
                Add(s);
                continue;
            }
            if (NoLineEnd.Contains(s, StringComparison.Ordinal)) { Flush(); glueNext.Append(s); continue; }
            if (ReportText.IsWide(rune.Value)) { Flush(); Add(s); continue; }
            if (word.Length == 0 && glueNext.Length > 0) { word.Append(glueNext); glueNext.Clear(); }
            word.Append(s);
        }
        Flush();
        if (glueNext.Length > 0) units.Add(new Unit(glueNext.ToString(), UnitKind.Text));
        return units;
    }

    /// <summary>
    /// The pieces of a full line and their offsets so that it fills <paramref name="width"/> exactly (Chinese text is
    /// justified): the spare width is shared between the gaps of the line's units. Null when the line has no gap or is
    /// too short to stretch without looking spaced out.
    /// </summary>
    public List<(string Piece, double Offset)>? Justify(string line, XFont font, double width)
    {
        var units = Units(line).Where(u => u.Kind == UnitKind.Text).ToList();
        var natural = Width(line, font);
        var spare = width - natural;
        if (units.Count < 2 || spare <= 0.05 || spare > 3 * font.Size) return null;
        var gap = spare / (units.Count - 1);
        var pieces = new List<(string, double)>(units.Count);
        double x = 0;
        var at = 0;
        foreach (var unit in units)
        {
            // spaces between units stay where they were: find the unit in the line to count what precedes it
            var found = line.IndexOf(unit.Text, at, StringComparison.Ordinal);
            if (found > at) x += Width(line[at..found], font);
            pieces.Add((unit.Text, x + gap * pieces.Count));
            x += Width(unit.Text, font);
            at = found + unit.Text.Length;
        }
        return pieces;
    }

    /// <summary>Lines of <paramref name="text"/>: the first at most <paramref name="firstWidth"/> wide, the others <paramref name="width"/>.</summary>
    public List<string> Wrap(string text, XFont font, double firstWidth, double width)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        double lineWidth = 0;
        var pendingSpace = false;
        var space = Width(" ", font);
        double Max() => lines.Count == 0 ? firstWidth : width;
        void Break()
        {
            lines.Add(line.ToString());
            line.Clear();
            lineWidth = 0;
            pendingSpace = false;
        }
        foreach (var unit in Units(text ?? ""))
        {
            switch (unit.Kind)
            {
                case UnitKind.Newline:
                    Break();
                    continue;
                case UnitKind.Space:
                    pendingSpace = line.Length > 0;
                    continue;
            }
            var w = Width(unit.Text, font);
            var gap = pendingSpace ? space : 0;
            if (lineWidth + gap + w <= Max() + 0.01)
            {
                if (pendingSpace) line.Append(' ');
                line.Append(unit.Text);
                lineWidth += gap + w;
                pendingSpace = false;
                continue;
            }
            if (line.Length > 0) Break();
            if (w <= Max() + 0.01)
            {
                line.Append(unit.Text);
                lineWidth = w;
                continue;
            }
            // a unit wider than the line (a long number or word): break it between characters
            foreach (var r in unit.Text.EnumerateRunes())
            {
                var rw = Width(r.ToString(), font);
                if (lineWidth + rw > Max() + 0.01 && line.Length > 0) Break();
                line.Append(r.ToString());
                lineWidth += rw;
            }
        }
        if (line.Length > 0 || lines.Count == 0) lines.Add(line.ToString());
        return lines;
    }
}
