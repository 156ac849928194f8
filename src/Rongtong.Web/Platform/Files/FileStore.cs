using System.Security.Cryptography;
using System.Text;
using SkiaSharp;
using Rongtong.Web.Platform.Errors;

namespace Rongtong.Web.Platform.Files;

/// <summary>A stored file: its key in the store (never a user-chosen path), checked type, size and hash.</summary>
public sealed record StoredFile(string Key, string FileName, string ContentType, long Size, string Sha256);

/// <summary>
/// Where attachments live (evidence, photos, documents). Local folder by default; an S3-compatible store can replace
/// it behind this interface (DESIGN.md §7). Keys are content hashes, so a file is stored once however often attached.
/// </summary>
public interface IFileStore
{
    Task<StoredFile> SaveAsync(Stream content, string fileName, CancellationToken ct = default);
    Stream OpenRead(string key);

    /// <summary>
    /// Deletes the stored files that no record names (<paramref name="referenced"/>) and that were last saved before
    /// <paramref name="savedBefore"/>: the bytes of an upload refused after it was stored, or of a record since deleted.
    /// The age keeps a file that is being attached right now; saving a file again renews its age. Returns what was
    /// (or, with <paramref name="dryRun"/>, would be) deleted.
    /// </summary>
    Task<SweepResult> SweepAsync(IReadOnlySet<string> referenced, DateTime savedBefore, bool dryRun, CancellationToken ct = default);
}

/// <summary>What a sweep found: the stored files, and those deleted (key and size).</summary>
public sealed record SweepResult(int Stored, IReadOnlyList<(string Key, long Size)> Deleted);

/// <summary>Content-addressed files under a root folder (default <c>data/files</c> beside the SQLite file).</summary>
public sealed class LocalFileStore(string root) : IFileStore
{
    public async Task<StoredFile> SaveAsync(Stream content, string fileName, CancellationToken ct = default)
    {
        var (bytes, type) = await UploadCheck.ReadAsync(content, fileName, ct);
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes.Span));
        var key = $"{hash[..2]}/{hash}";
        var path = PathOf(key);
        if (!Renew(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var tmp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            await File.WriteAllBytesAsync(tmp, bytes, ct);
            File.Move(tmp, path, overwrite: true);
        }
        return new StoredFile(key, UploadCheck.SafeName(fileName), type, bytes.Length, hash);
    }

    public Stream OpenRead(string key) => File.OpenRead(PathOf(key));

    /// <summary>
    /// A file saved again is young again, so that a sweep does not take it while it is being attached. False when it is
    /// not there, or when its time cannot be set (another OS user's file, e.g. one written by the CLI as root): the
    /// caller then writes it afresh, which also makes it this process's own.
    /// </summary>
    private static bool Renew(string path)
    {
        try
        {
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
            return true;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException)
        {
            return false;
        }
    }

    public Task<SweepResult> SweepAsync(IReadOnlySet<string> referenced, DateTime savedBefore, bool dryRun, CancellationToken ct = default)
    {
        var deleted = new List<(string, long)>();
        var stored = 0;
        if (!Directory.Exists(root)) return Task.FromResult(new SweepResult(0, deleted));
        foreach (var dir in Directory.EnumerateDirectories(root))
        foreach (var path in Directory.EnumerateFiles(dir))
        {
            ct.ThrowIfCancellationRequested();
            var prefix = Path.GetFileName(dir);
            var name = Path.GetFileName(path);
            var key = $"{prefix}/{name}";
            var info = new FileInfo(path);
            if (name.EndsWith(".tmp", StringComparison.Ordinal) || name.EndsWith(".sweep", StringComparison.Ordinal))
            {
                // a write, or a sweep, that never finished (the process stopped between its steps)
                if (info.LastWriteTimeUtc < savedBefore && !dryRun) info.Delete();
                continue;
            }
            if (!IsKey(key)) continue;   // not ours: left alone
            stored++;
            if (referenced.Contains(key) || info.LastWriteTimeUtc >= savedBefore) continue;
            if (!dryRun && !TakeAway(path, savedBefore)) continue;
            deleted.Add((key, info.Length));
        }
        return Task.FromResult(new SweepResult(stored, deleted));
    }

    /// <summary>
    /// Deletes an old file unless it is being saved again at this moment: it is moved aside first, so that a save from
    /// then on finds it missing and writes it afresh, and its age is read again once it is aside; a file renewed just
    /// before the move goes back. False when the file stays.
    /// </summary>
    private static bool TakeAway(string path, DateTime savedBefore)
    {
        var aside = path + ".sweep";
        try { File.Move(path, aside, overwrite: true); }   // a leftover of a stopped sweep is overwritten
        catch (FileNotFoundException) { return false; }
        if (File.GetLastWriteTimeUtc(aside) < savedBefore)
        {
            File.Delete(aside);
            return true;
        }
        try { File.Move(aside, path); }
        catch (IOException) { File.Delete(aside); }   // saved afresh meanwhile: that copy stays
        return false;
    }

    private static bool IsKey(string key) =>
        key.Length == 67 && key[2] == '/' && key.Where((c, i) => i != 2).All(char.IsAsciiHexDigitLower) && key[..2] == key[3..5];

    private string PathOf(string key)
    {
        // keys are made here; refuse anything else so that no request can reach outside the root
        if (!IsKey(key)) throw new NotFoundException("file");
        return Path.Combine(root, key[..2], key[3..]);
    }
}

/// <summary>Upload checks: the type is decided by the content (magic bytes), and must agree with the name's extension.</summary>
public static class UploadCheck
{
    private static readonly Dictionary<string, string> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = "application/pdf", [".png"] = "image/png", [".jpg"] = "image/jpeg", [".jpeg"] = "image/jpeg",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [".txt"] = "text/plain; charset=utf-8",
    };

    public const long MaxSize = 20 * 1024 * 1024;

    /// <summary>
    /// A JPEG may have at most this many pixels (a 50-megapixel phone photo): decoding one takes 4 bytes a pixel, and a
    /// small compressed file can declare a huge image.
    /// </summary>
    public const long MaxPixels = 50_000_000;

    /// <summary>
    /// A PNG may have at most this many pixels (a 5K screenshot): unlike a JPEG, it cannot be decoded at a reduced
    /// scale, so a report decodes it whole (4 bytes a pixel, ~0.2 s for 16 MP).
    /// </summary>
    public const long MaxPngPixels = 16_000_000;

    /// <summary>The most pixels an image of this format may have (upload check and report alike).</summary>
    public static long PixelLimit(SKEncodedImageFormat format) => format == SKEncodedImageFormat.Jpeg ? MaxPixels : MaxPngPixels;

    public static string AllowedList => string.Join(", ", Types.Keys);

    /// <summary>Reads the content (refused past <see cref="MaxSize"/>) and checks it; returns the bytes and the content type.</summary>
    public static async Task<(ReadOnlyMemory<byte> Bytes, string ContentType)> ReadAsync(Stream content, string fileName, CancellationToken ct = default)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await content.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + n > MaxSize)
                throw Fail("max-size", $"文件不能超过 {MaxSize / 1024 / 1024} MB", $"the file cannot exceed {MaxSize / 1024 / 1024} MB");
            await buffer.WriteAsync(chunk.AsMemory(0, n), ct);
        }
        var bytes = buffer.ToArray();
        return (bytes, Check(fileName, bytes));
    }

    /// <summary>Returns the content type, or throws naming the rule.</summary>
    public static string Check(string fileName, ReadOnlySpan<byte> b)
    {
        var ext = Path.GetExtension(fileName ?? "");
        if (b.Length == 0) throw Fail("empty", "文件为空", "the file is empty");
        if (!Types.TryGetValue(ext, out var type))
            throw Fail("type", $"不允许的文件类型“{ext}”（允许：{AllowedList}）", $"file type '{ext}' is not allowed (allowed: {AllowedList})");
        var ok = ext.ToLowerInvariant() switch
        {
            ".pdf" => b.StartsWith("%PDF-"u8),
            ".png" => b.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }),
            ".jpg" or ".jpeg" => b.Length > 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF,
            ".docx" or ".xlsx" => b.StartsWith("PK\x03\x04"u8),
            ".txt" => IsText(b),
            _ => false,
        };
        if (!ok) throw Fail("content", $"文件内容与扩展名“{ext}”不符", $"the content is not a {ext} file");
        if (type.StartsWith("image/", StringComparison.Ordinal)) CheckPixels(b);
        return type;
    }

    /// <summary>Reads the image's header only: its size, and whether it can be decoded at all.</summary>
    private static void CheckPixels(ReadOnlySpan<byte> b)
    {
        using var data = SKData.CreateCopy(b);
        using var codec = SKCodec.Create(data);
        if (codec is null) throw Fail("content", "图片无法读取", "the image cannot be read");
        var (w, h) = (codec.Info.Width, codec.Info.Height);
        var limit = PixelLimit(codec.EncodedFormat);
        if ((long)w * h > limit)
            throw Fail("max-pixels", $"图片为 {w}×{h} 像素，不能超过 {limit / 1_000_000} 百万像素", $"the image is {w}×{h} pixels; at most {limit / 1_000_000} megapixels");
    }

    private static bool IsText(ReadOnlySpan<byte> b)
    {
        if (b.IndexOf((byte)0) >= 0) return false;
        try { new UTF8Encoding(false, true).GetCharCount(b); return true; }
        catch (DecoderFallbackException) { return false; }
    }

    /// <summary>A file name safe to show and to offer as a download name: no path, no control characters.</summary>
    public static string SafeName(string fileName)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/'));
        name = new string(name.Where(c => !char.IsControl(c) && c is not ('/' or '"' or '<' or '>' or '|' or ':' or '*' or '?')).ToArray()).Trim();
        if (name.Length > 120) name = name[..80] + name[^40..];
        return name.Length == 0 ? "file" : name;
    }

    private static ValidationFailedException Fail(string rule, string zh, string en) => new([new FieldError("file", rule, zh, en)]);
}

public static class FileStoreSetup
{
    /// <summary><c>Files:Root</c>, else <c>files/</c> in the data directory.</summary>
    public static IServiceCollection AddFileStore(this IServiceCollection services, IConfiguration config)
    {
        var root = Path.GetFullPath(config["Files:Root"] ?? Path.Combine(config["Database:DataDirectory"] ?? Data.Database.DefaultDataDirectory(), "files"));
        services.AddSingleton<IFileStore>(new LocalFileStore(root));
        return services;
    }
}
