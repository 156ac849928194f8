using PdfSharp.Fonts;

namespace Rongtong.Web.Features.Reports.Rendering;

/// <summary>
/// Serves the CJK face (face 0 of wqy-zenhei.ttc, split from the collection in memory) to PDFsharp for every family;
/// bold and italic are simulated. PDFsharp's font settings are process-wide, so <see cref="Ensure"/> installs the
/// resolver once, thread-safely, and refuses to replace a different resolver someone else installed.
/// </summary>
public sealed class PdfFontResolver : IFontResolver
{
    public const string FaceName = "WenQuanYiZenHei-Face0";

    private static readonly object Gate = new();
    private static bool _installed;

    private PdfFontResolver() { }

    public FontResolverInfo ResolveTypeface(string familyName, bool isBold, bool isItalic) => new(FaceName, isBold, isItalic);

    public byte[] GetFont(string faceName) => CjkFont.TrueTypeBytes;

    /// <summary>Installs the resolver in <see cref="GlobalFontSettings"/> unless it is already there. Idempotent and thread-safe.</summary>
    public static void Ensure()
    {
        if (Volatile.Read(ref _installed)) return;
        lock (Gate)
        {
            if (_installed) return;
            _ = CjkFont.TrueTypeBytes; // a missing font fails here, with the remedy in the message
            switch (GlobalFontSettings.FontResolver)
            {
                case null:
                    GlobalFontSettings.FontResolver = new PdfFontResolver();
                    break;
                case PdfFontResolver:
                    break;
                case var other:
                    throw new InvalidOperationException(
                        $"PDFsharp already has a font resolver ({other.GetType().FullName}); the report renderer needs its CJK resolver. " +
                        "PDFsharp's font settings are process-wide: install one resolver that serves the CJK face.");
            }
            Volatile.Write(ref _installed, true);
        }
    }
}
