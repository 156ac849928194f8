using System.Security.Cryptography;
using System.Text;
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
}

/// <summary>Content-addressed files under a root folder (default <c>data/files</c> beside the SQLite file).</summary>
public sealed class LocalFileStore(string root) : IFileStore
{
    public const long MaxSize = 20 * 1024 * 1024;

    public async Task<StoredFile> SaveAsync(Stream content, string fileName, CancellationToken ct = default)
    {
        using var buffer = new MemoryStream();
        await CopyLimitedAsync(content, buffer, ct);
        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        var type = UploadCheck.Check(fileName, bytes.Span);
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes.Span));
        var key = $"{hash[..2]}/{hash}";
        var path = PathOf(key);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var tmp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            await File.WriteAllBytesAsync(tmp, bytes.ToArray(), ct);
            File.Move(tmp, path, overwrite: true);
        }
        return new StoredFile(key, UploadCheck.SafeName(fileName), type, bytes.Length, hash);
    }

    public Stream OpenRead(string key) => File.OpenRead(PathOf(key));

    private string PathOf(string key)
    {
        // keys are made here; refuse anything else so that no request can reach outside the root
        if (key.Length != 67 || key[2] != '/' || !key.Where((c, i) => i != 2).All(char.IsAsciiHexDigitLower))
            throw new NotFoundException("file");
        return Path.Combine(root, key[..2], key[3..]);
    }

    private static async Task CopyLimitedAsync(Stream from, Stream to, CancellationToken ct)
    {
        var buf = new byte[81920];
        long total = 0;
        int n;
        while ((n = await from.ReadAsync(buf, ct)) > 0)
        {
            total += n;
            if (total > MaxSize)
                throw new ValidationFailedException([new("file", "max-size", $"文件不能超过 {MaxSize / 1024 / 1024} MB", $"the file cannot exceed {MaxSize / 1024 / 1024} MB")]);
            await to.WriteAsync(buf.AsMemory(0, n), ct);
        }
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

    public static string AllowedList => string.Join(", ", Types.Keys);

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
        return type;
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
