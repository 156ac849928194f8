using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Rongtong.Tests.Reports.Rendering;

/// <summary>poppler-utils (installed by test.sh) run on a rendered PDF: text per page, fonts, page images.</summary>
internal static partial class PopplerTools
{
    public static string Run(string tool, params string[] args)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {tool} (install poppler-utils)");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(60_000)) { p.Kill(true); throw new TimeoutException($"{tool} did not finish in 60 s"); }
        if (p.ExitCode != 0) throw new InvalidOperationException($"{tool} {string.Join(' ', args)} exited {p.ExitCode}: {stderr.Result}");
        return stdout.Result;
    }

    public static string WriteTemp(byte[] bytes, string extension)
    {
        var dir = Path.Combine(Path.GetTempPath(), "rongtong-report-tests");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, $"{Guid.NewGuid():N}{extension}");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>The text of each page (pdftotext splits pages with form feeds), whitespace removed so wrapped lines join.</summary>
    public static string[] PageTexts(string pdf) =>
        Run("pdftotext", "-enc", "UTF-8", pdf, "-").Split('\f').SkipLast(1).Select(Squash).ToArray();

    public static string Squash(string text) => Whitespace().Replace(text, "");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
