using SkiaSharp;

namespace Rongtong.Web.Features.Reports.Rendering;

/// <summary>Turns a stored photo into an <see cref="ImageBlock"/>: decoded, scaled down, re-encoded as JPEG.</summary>
public static class ReportPhotos
{
    public const int MaxWidth = 960;

    /// <summary>Null when the bytes are not a decodable image (the report then goes without it).</summary>
    public static ImageBlock? Load(Stream content, string caption)
    {
        using var original = SKBitmap.Decode(content);
        if (original is null || original.Width == 0 || original.Height == 0) return null;
        var bitmap = original;
        if (original.Width > MaxWidth)
        {
            var h = Math.Max(1, (int)((long)original.Height * MaxWidth / original.Width));
            bitmap = original.Resize(new SKImageInfo(MaxWidth, h), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear)) ?? original;
        }
        try
        {
            using var image = SKImage.FromBitmap(bitmap);
            using var jpeg = image.Encode(SKEncodedImageFormat.Jpeg, 82);
            return new ImageBlock(jpeg.ToArray(), bitmap.Width, bitmap.Height, caption);
        }
        finally
        {
            if (!ReferenceEquals(bitmap, original)) bitmap.Dispose();
        }
    }
}
