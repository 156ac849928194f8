using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Features.Registry.Rules;
using Rongtong.Web.Features.Projects;
using Rongtong.Web.Platform.Data;
using Rongtong.Web.Platform.Errors;

namespace Rongtong.Web.Features.Registry.Enterprises;

/// <summary>
/// Choosing one of the carrier's enterprises in a form (实施单位, 收款单位) without listing the registry in the page: a text
/// field (<c>_EnterprisePicker.cshtml</c>) that takes "name（credit code）" — what its suggestions fill in — a bare credit
/// code, or an exact name. The field suggests the units of the carrier's sub-projects and, as the user types, the
/// enterprise search's matches (<c>js/picker.js</c>). A select of every enterprise made each of these
/// forms 4.5 MB of HTML for a carrier of 100,000.
/// </summary>
public static class EnterprisePicker
{
    /// <summary>What the field shows and suggests.</summary>
    public sealed record Field(string Name, string? Value, IReadOnlyList<string> Suggestions);

    /// <summary>How many enterprises the field suggests before anything is typed.</summary>
    public const int Suggested = 50;

    public static string Label(string name, string creditCode) => $"{name}（{creditCode}）";

    /// <summary>
    /// The implementing units of the carrier's sub-projects, by name: the organisations these forms name most. Read
    /// from the sub-projects, so that it costs the same for a registry of 100,000 (ordering the registry by chain role
    /// to put the leading enterprises first took 100 ms there).
    /// </summary>
    public static async Task<List<string>> SuggestionsAsync(RongtongDb db, int carrierId, CancellationToken ct) =>
        (await db.Enterprises.AsNoTracking()
            .Where(e => e.CarrierId == carrierId && db.SubProjects.Where(p => p.CarrierId == carrierId).Select(p => p.UnitId).Contains(e.Id))
            .OrderBy(e => e.Name).Take(Suggested).Select(e => new { e.Name, e.CreditCode }).ToListAsync(ct))
        .Select(e => Label(e.Name, e.CreditCode)).ToList();

    /// <summary>The field's value for a stored choice.</summary>
    public static async Task<string?> LabelOfAsync(RongtongDb db, int? id, CancellationToken ct) =>
        id is null ? null : (await db.Enterprises.AsNoTracking().Where(e => e.Id == id).Select(e => new { e.Name, e.CreditCode }).FirstOrDefaultAsync(ct)) is { } e
            ? Label(e.Name, e.CreditCode) : null;

    /// <summary>
    /// The carrier's enterprise the text names (null when it is empty): by the credit code it ends with in brackets or
    /// consists of, else by its exact name. Refused, naming the field, when no enterprise of the carrier matches or
    /// when several have that name.
    /// </summary>
    public static async Task<int?> ResolveAsync(RongtongDb db, int carrierId, string? text, string field, string labelZh, string labelEn, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim();
        if (CodeIn(t) is { } code)
            return await db.Enterprises.Where(e => e.CarrierId == carrierId && e.CreditCode == code).Select(e => (int?)e.Id).FirstOrDefaultAsync(ct)
                   ?? throw Refused(field, "exists", $"{labelZh}：本载体主体库中没有统一社会信用代码为 {code} 的企业",
                       $"{labelEn}: no enterprise of this carrier has the credit code {code}");
        var ids = await db.Enterprises.Where(e => e.CarrierId == carrierId && e.Name == t).Select(e => e.Id).Take(2).ToListAsync(ct);
        return ids.Count switch
        {
            1 => ids[0],
            0 => throw Refused(field, "exists", $"{labelZh}：本载体主体库中没有名为“{t}”的企业，请从提示中选择，或填写统一社会信用代码",
                $"{labelEn}: no enterprise of this carrier is named '{t}'; pick one of the suggestions or enter its credit code"),
            _ => throw Refused(field, "ambiguous", $"{labelZh}：有多家企业名为“{t}”，请填写统一社会信用代码",
                $"{labelEn}: several enterprises are named '{t}'; enter the credit code"),
        };
    }

    /// <summary>A valid credit code in "name（code）" or "name (code)", or the whole text when it is one.</summary>
    private static string? CodeIn(string text)
    {
        var candidate = text;
        var open = text.LastIndexOfAny(['（', '(']);
        if (open >= 0 && text[^1] is '）' or ')') candidate = text[(open + 1)..^1];
        var code = CreditCode.Normalize(candidate);
        return code.Length == 18 && CreditCode.Validate(code).Ok ? code : null;
    }

    private static ValidationFailedException Refused(string field, string rule, string zh, string en) => new([new FieldError(field, rule, zh, en)]);
}
