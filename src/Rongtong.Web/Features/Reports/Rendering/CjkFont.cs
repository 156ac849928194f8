using System.Buffers.Binary;

namespace Rongtong.Web.Features.Reports.Rendering;

/// <summary>
/// The one CJK font the renderers embed and draw with: face 0 ("WenQuanYi Zen Hei") of Debian's
/// <c>fonts-wqy-zenhei</c> collection, or the file named by <c>RONGTONG_CJK_FONT</c>. A missing font is an error with
/// the remedy in its message, never a page of empty boxes.
/// </summary>
public static class CjkFont
{
    public const string DefaultPath = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc";

    /// <summary>The family name charts use; the PDF resolver serves this face for every family.</summary>
    public const string FamilyName = "WenQuanYi Zen Hei";

    private static readonly Lazy<byte[]> Face0 = new(() => ExtractFace(File.ReadAllBytes(FilePath), 0), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The font file: <c>RONGTONG_CJK_FONT</c> when set, otherwise <see cref="DefaultPath"/>; throws when absent.</summary>
    public static string FilePath =>
        Locate(Environment.GetEnvironmentVariable("RONGTONG_CJK_FONT") is { Length: > 0 } p ? p : DefaultPath);

    /// <summary><paramref name="path"/> when the file exists; otherwise an error that names the remedy.</summary>
    internal static string Locate(string path) =>
        File.Exists(path)
            ? path
            : throw new InvalidOperationException(
                $"The CJK font for reports was not found at '{path}'. Install the Debian package fonts-wqy-zenhei " +
                "(apt-get install fonts-wqy-zenhei) or point RONGTONG_CJK_FONT at a TrueType font (.ttf or .ttc) with Chinese glyphs. " +
                "报告所需的中文字体缺失：请安装 fonts-wqy-zenhei 或设置 RONGTONG_CJK_FONT。");

    /// <summary>Face 0 of the font as a standalone TrueType file (the collection split in memory), read once.</summary>
    public static byte[] TrueTypeBytes => Face0.Value;

    /// <summary>
    /// Rebuilds one face of a TrueType collection (.ttc) as a standalone sfnt: the face's table directory with
    /// offsets rewritten, followed by copies of its tables, each padded to four bytes. A plain .ttf/.otf is returned as is.
    /// </summary>
    public static byte[] ExtractFace(byte[] file, int index)
    {
        if (file.Length < 12) throw new InvalidDataException("Font file too short.");
        var span = file.AsSpan();
        if (BinaryPrimitives.ReadUInt32BigEndian(span) != 0x74746366 /* 'ttcf' */) return file;
        var faces = BinaryPrimitives.ReadUInt32BigEndian(span[8..]);
        if (index < 0 || index >= faces) throw new InvalidDataException($"Font collection has {faces} faces, no face {index}.");
        var dir = (int)BinaryPrimitives.ReadUInt32BigEndian(span[(12 + 4 * index)..]);
        var tableCount = BinaryPrimitives.ReadUInt16BigEndian(span[(dir + 4)..]);
        var headerLength = 12 + 16 * tableCount;
        var tables = new (int Record, int Offset, int Length)[tableCount];
        var total = headerLength;
        for (var i = 0; i < tableCount; i++)
        {
            var rec = dir + 12 + 16 * i;
            var offset = (int)BinaryPrimitives.ReadUInt32BigEndian(span[(rec + 8)..]);
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(span[(rec + 12)..]);
            if (offset < 0 || length < 0 || offset + (long)length > file.Length) throw new InvalidDataException("Font table outside the file.");
            tables[i] = (rec, offset, length);
            total += (length + 3) & ~3;
        }
        var output = new byte[total];
        span.Slice(dir, headerLength).CopyTo(output);
        var at = headerLength;
        for (var i = 0; i < tableCount; i++)
        {
            var (_, offset, length) = tables[i];
            span.Slice(offset, length).CopyTo(output.AsSpan(at));
            BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(12 + 16 * i + 8), (uint)at);
            at += (length + 3) & ~3;
        }
        return output;
    }
}
