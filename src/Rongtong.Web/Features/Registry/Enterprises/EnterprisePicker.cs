using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Features.Registry.Rules;
using Rongtong.Web.Platform.Data;
using Rongtong.Web.Platform.Errors;

namespace Rongtong.Web.Features.Registry.Enterprises;

/// <summary>
/// Choosing one of the carrier's enterprises in a form (实施单位, 收款单位) without listing the registry in the page: a text
/// field (<c>_EnterprisePicker.cshtml</c>) that takes "name（credit code）" — what its suggestions fill in — a bare credit
/// code, or an exact name. The field suggests what its page gives it (the units of the carrier's sub-projects,
/// <c>ProjectList.UnitSuggestionsAsync</c>) and, as the user types, the enterprise search's matches
/// (<c>js/picker.js</c>). A select of every enterprise made each of these forms 7.1 MB of HTML for a carrier of
/// 100,000 (ADR 0014).
/// </summary>
public static class EnterprisePicker
{
    /// <summary>What the field shows and suggests.</summary>
    public sealed record Field(string Name, string? Value, IReadOnlyList<string> Suggestions);

    public static string Label(string name, string creditCode) => $"{name}（{creditCode}）";

    /// <summary>The field's value for a stored choice.</summary>
    public static async Task<string?> LabelOfAsync(RongtongDb db, int? id, CancellationToken ct) =>
        id is null ? null : (await db.Enterprises.AsNoTracking().Where(e => e.Id == id).Select(e => new { e.Name, e.CreditCode }).FirstOrDefaultAsync(ct)) is { } e
            ? Label(e.Name, e.CreditCode) : null;

    /// <summary>What a form's enterprise field is called in its messages, and its field name in errors.</summary>
    public sealed record Role(string Field, string Zh, string En);

    public static readonly Role Unit = new("unit", "实施单位", "Implementing unit");
    public static readonly Role Payee = new("payee", "收款单位", "Payee");

    /// <summary>At most this many characters are looked up (a name is at most 200; the label adds the code).</summary>
    public const int MaxLength = 240;

    /// <summary>
    /// The carrier's enterprise the text names, or null when it is empty or names none: by the credit code it ends
    /// with in brackets (with the name before it, if any, that enterprise's own) or consists of, else by its exact name
    /// (brackets of either width). What is wrong is added to <paramref name="errors"/>, naming the field: no enterprise
    /// of the carrier matches, the code belongs to another name, or several share the name.
    /// </summary>
    public static async Task<int?> ResolveAsync(RongtongDb db, int carrierId, string? text, Role role, Errors errors, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim();
        if (t.Length > MaxLength)
        {
            errors.Add(role.Field, "max-length", $"{role.Zh}：最多 {MaxLength} 个字符，请填写名称或统一社会信用代码",
                $"{role.En}: at most {MaxLength} characters; enter a name or a credit code");
            return null;
        }
        if (CodeIn(t) is (string name, string code))
        {
            var e = await db.Enterprises.Where(e => e.CarrierId == carrierId && e.CreditCode == code).Select(e => new { e.Id, e.Name }).FirstOrDefaultAsync(ct);
            if (e is null)
                errors.Add(role.Field, "exists", $"{role.Zh}：本载体主体库中没有统一社会信用代码为 {code} 的单位",
                    $"{role.En}: no organisation of this carrier has the credit code {code}");
            else if (name.Length > 0 && FullWidth(name) != FullWidth(e.Name))
                errors.Add(role.Field, "code-matches-name", $"{role.Zh}：统一社会信用代码 {code} 是“{e.Name}”的，与填写的名称“{name}”不符",
                    $"{role.En}: the credit code {code} is that of '{e.Name}', not of '{name}'");
            else return e.Id;
            return null;
        }
        string full = FullWidth(t), ascii = full.Replace('（', '(').Replace('）', ')');
        var ids = await db.Enterprises.Where(e => e.CarrierId == carrierId && (e.Name == full || e.Name == ascii)).Select(e => e.Id).Take(2).ToListAsync(ct);
        if (ids.Count == 1) return ids[0];
        if (ids.Count == 0)
            errors.Add(role.Field, "exists", $"{role.Zh}：本载体主体库中没有名为“{t}”的单位，请从提示中选择，或填写统一社会信用代码",
                $"{role.En}: no organisation of this carrier is named '{t}'; pick one of the suggestions or enter its credit code");
        else
            errors.Add(role.Field, "ambiguous", $"{role.Zh}：有多家单位名为“{t}”，请填写统一社会信用代码",
                $"{role.En}: several organisations are named '{t}'; enter the credit code");
        return null;
    }

    /// <summary>The name before and the valid credit code in "name（code）" or "name (code)"; or no name and the whole text when it is a code.</summary>
    private static (string Name, string Code)? CodeIn(string text)
    {
        var (name, candidate) = ("", text);
        var open = text.LastIndexOfAny(['（', '(']);
        if (open >= 0 && text[^1] is '）' or ')') (name, candidate) = (text[..open].Trim(), text[(open + 1)..^1]);
        var code = CreditCode.Normalize(candidate);
        return code.Length == 18 && CreditCode.Validate(code).Ok ? (name, code) : null;
    }

    private static string FullWidth(string s) => s.Replace('(', '（').Replace(')', '）');
}
