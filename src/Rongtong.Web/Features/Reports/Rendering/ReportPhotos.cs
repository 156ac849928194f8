using Microsoft.Extensions.Caching.Memory;
using Rongtong.Web.Platform.Files;
using SkiaSharp;

namespace Rongtong.Web.Features.Reports.Rendering;

/// <summary>Turns a stored photo into an <see cref="ImageBlock"/>: decoded, scaled down, re-encoded as JPEG.</summary>
public static class ReportPhotos
{
    public const int MaxWidth = 960;

    /// <summary>
    /// Scaled photos by store key. A key is the content's hash, so an entry never goes stale and needs no invalidation
    /// between web nodes: each node merely decodes a photo once instead of on every view of the report page (a 50 MP
    /// PNG, which Skia cannot decode scaled, takes about a second and 265 MB). At most 64 MB of JPEG is kept.
    /// </summary>
    private static readonly MemoryCache Scaled = new(new MemoryCacheOptions { SizeLimit = 64L << 20 });

    /// <summary><see cref="Load"/> through the cache; <paramref name="open"/> is called only when the photo is not in it.</summary>
    public static ImageBlock? LoadCached(string key, Func<Stream> open, string caption)
    {
        if (!Scaled.TryGetValue(key, out ImageBlock? image))
        {
            using (var s = open()) image = Load(s, "");
            Scaled.Set(key, image, new MemoryCacheEntryOptions { Size = Math.Max(1, image?.Jpeg.Length ?? 0) });
        }
        return image is null ? null : image with { Caption = caption };
    }

    /// <summary>
    /// Null when the bytes are not a decodable image, or one larger than an upload may be (the report then goes without
    /// it). A JPEG is decoded directly at the smallest of ½, ¼ or ⅛ that is still as wide as the report: a 50-megapixel
    /// photo then costs 3 MB of memory, not 200 MB. Other formats are decoded at full size.
    /// </summary>
    public static ImageBlock? Load(Stream content, string caption)
    {
        using var codec = SKCodec.Create(content);
        if (codec is null) return null;
        var full = codec.Info;
        if (full.Width == 0 || full.Height == 0 || (long)full.Width * full.Height > UploadCheck.PixelLimit(codec.EncodedFormat)) return null;
        var size = full.Size;
        for (var scale = 0.125f; scale < 1 && full.Width > MaxWidth; scale *= 2)
        {
            var scaled = codec.GetScaledDimensions(scale);
            if (scaled.Width >= MaxWidth) { size = scaled; break; }
        }
        using var original = new SKBitmap(new SKImageInfo(size.Width, size.Height, SKImageInfo.PlatformColorType, SKAlphaType.Premul));
        if (codec.GetPixels(original.Info, original.GetPixels()) is not (SKCodecResult.Success or SKCodecResult.IncompleteInput)) return null;
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
