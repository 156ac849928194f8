using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Rongtong.BrowserTests.Support;

/// <summary>
/// Full-page screenshots of every page a journey visits, in tests/Rongtong.BrowserTests/bin/screenshots/
/// (ignored by git), named journey-step.lang[.mobile].png, for a person to look at after a run.
/// </summary>
public static partial class Screenshots
{
    public static string Folder { get; } = Path.Combine(ProjectDir(), "bin", "screenshots");

    public static void Reset()
    {
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
        Directory.CreateDirectory(Folder);
    }

    public static async Task<string> TakeAsync(IPage page, string name)
    {
        var lang = await page.EvaluateAsync<string>("document.documentElement.lang || 'none'");
        var mobile = page.ViewportSize is { Width: < 700 } ? ".mobile" : "";
        var path = Path.Combine(Folder, $"{Safe().Replace(name, "-")}.{lang}{mobile}.png");
        Directory.CreateDirectory(Folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Scale = ScreenshotScale.Css });
        if (lang == "en")
        {
            // Chinese text left on an English page, for the reviewer (proper names and data are expected)
            var cjk = await page.EvaluateAsync<string[]>("""
                () => {
                  const out = new Set();
                  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
                  for (let n = w.nextNode(); n; n = w.nextNode()) {
                    const t = n.textContent.trim();
                    if (/[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]/.test(t) && n.parentElement.closest('script,style,datalist,option') === null) out.add(t.slice(0, 120));
                  }
                  for (const el of document.querySelectorAll('[placeholder],[title],[aria-label],input[type=submit]')) {
                    for (const a of ['placeholder', 'title', 'aria-label', 'value']) {
                      const v = el.getAttribute(a);
                      if (v && /[\u3400-\u9fff]/.test(v)) out.add(`@${a}: ${v.slice(0, 120)}`);
                    }
                  }
                  return [...out];
                }
                """);
            await File.WriteAllLinesAsync(Path.ChangeExtension(path, ".cjk.txt"), cjk);
        }
        return path;
    }

    [GeneratedRegex(@"[^A-Za-z0-9_\-]+")]
    private static partial Regex Safe();

    private static string ProjectDir()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Rongtong.BrowserTests.csproj"))) return d.FullName;
        return AppContext.BaseDirectory;
    }
}
