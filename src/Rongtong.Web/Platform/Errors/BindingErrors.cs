using System.Text.Json;
using System.Text.RegularExpressions;

namespace Rongtong.Web.Platform.Errors;

/// <summary>
/// A request the API could not bind (a JSON value of the wrong type, a query value that is not a number, a missing
/// body) as field errors in both languages, like every other refusal: ASP.NET Core's own message is written for the
/// developer ("Failed to bind parameter "Nullable&lt;int&gt; Page" from "abc"") and names no JSON field.
/// </summary>
public static partial class BindingErrors
{
    public static List<FieldError> Of(BadHttpRequestException b)
    {
        if (b.InnerException is JsonException j) return [Json(j)];
        var m = b.Message;
        if (BindFailed().Match(m) is { Success: true } f)
        {
            var (field, value) = (Camel(f.Groups["name"].Value), f.Groups["value"].Value);
            var (zh, en) = Expected(f.Groups["type"].Value);
            return [new(field, "format", $"“{field}”应为{zh}，实为“{value}”", $"'{field}' must be {en}, not '{value}'")];
        }
        if (Required().Match(m) is { Success: true } r)
        {
            var field = Camel(r.Groups["name"].Value);
            return r.Groups["type"].Value == "IFormFile"
                ? [new(field, "required", "请上传文件", "Choose a file to upload")]
                : [new(field, "required", $"缺少“{field}”", $"'{field}' is required")];
        }
        if (m.Contains("no body was provided", StringComparison.Ordinal))
            return [new("", "required", "缺少请求内容（JSON）", "The request has no body (JSON expected)")];
        return [];
    }

    private static FieldError Json(JsonException j)
    {
        var field = j.Path is null or "$" ? "" : j.Path.StartsWith("$.", StringComparison.Ordinal) ? j.Path[2..] : j.Path.TrimStart('$');
        if (!j.Message.Contains("could not be converted to", StringComparison.Ordinal))
            return new(field, "json", "请求内容不是有效的 JSON", "The request body is not valid JSON");
        var (zh, en) = Expected(ConvertedTo().Match(j.Message).Groups["type"].Value);
        return field.Length == 0
            ? new(field, "type", "请求内容的结构不对", "The request body does not have the expected shape")
            : new(field, "type", $"“{field}”应为{zh}", $"'{field}' must be {en}");
    }

    /// <summary>What a value of the named .NET type looks like, in words (an enum lists its values).</summary>
    private static (string Zh, string En) Expected(string type)
    {
        if (type.Contains("Int32") || type.Contains("Int64") || type.Contains("int") || type.Contains("long"))
            return ("整数（且在取值范围内）", "a whole number within range");
        if (type.Contains("Decimal") || type.Contains("Double") || type.Contains("decimal") || type.Contains("double"))
            return ("数字（且在取值范围内）", "a number within range");
        if (type.Contains("DateOnly") || type.Contains("DateTime")) return ("日期（如 2021-03-01）", "a date (e.g. 2021-03-01)");
        if (type.Contains("Boolean") || type.Contains("bool")) return ("true 或 false", "true or false");
        if (type.Contains("String") || type.Contains("string")) return ("文本", "text");
        if (EnumType(type) is { } e)
        {
            var names = string.Join("/", Enum.GetNames(e));
            return ($"{names} 之一", $"one of {names}");
        }
        return ("其他格式的值", "a value of another kind");
    }

    private static Type? EnumType(string type)
    {
        var name = EnumName().Match(type);
        if (!name.Success) return null;
        var t = typeof(BindingErrors).Assembly.GetType(name.Value.TrimEnd('.'));
        return t is { IsEnum: true } ? t : null;
    }

    private static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];

    [GeneratedRegex("""Failed to bind parameter "(?<type>.+) (?<name>\w+)" from "(?<value>.*)"\.""")]
    private static partial Regex BindFailed();

    [GeneratedRegex("""Required parameter "(?<type>.+) (?<name>\w+)" was not provided""")]
    private static partial Regex Required();

    [GeneratedRegex("""could not be converted to (?<type>\S+)""")]
    private static partial Regex ConvertedTo();

    [GeneratedRegex("""Rongtong\.[\w.+]+""")]
    private static partial Regex EnumName();
}
