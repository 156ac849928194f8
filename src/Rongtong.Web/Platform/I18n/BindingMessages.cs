using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace Rongtong.Web.Platform.I18n;

/// <summary>
/// The messages of a form value that MVC could not read (letters in a number, 2024-02-31 as a date, an unknown
/// choice), in the user's language and naming the field as the form labels it: MVC's own are English only and name
/// the C# property.
/// </summary>
public static class BindingMessages
{
    public static void Use(DefaultModelBindingMessageProvider p)
    {
        p.SetAttemptedValueIsInvalidAccessor((value, field) => Loc.T($"“{Label(field)}”的值“{Short(value)}”无效", $"'{Label(field)}': '{Short(value)}' is not a valid value"));
        p.SetNonPropertyAttemptedValueIsInvalidAccessor(value => Loc.T($"“{Short(value)}”不是有效的值", $"'{Short(value)}' is not a valid value"));
        p.SetValueIsInvalidAccessor(value => Loc.T($"“{Short(value)}”不是有效的值", $"'{Short(value)}' is not a valid value"));
        p.SetUnknownValueIsInvalidAccessor(field => Loc.T($"“{Label(field)}”的值无效", $"'{Label(field)}' is not a valid value"));
        p.SetNonPropertyUnknownValueIsInvalidAccessor(() => Loc.T("有一个值无效", "A value is not valid"));
        p.SetValueMustBeANumberAccessor(field => Loc.T($"“{Label(field)}”必须是数字", $"'{Label(field)}' must be a number"));
        p.SetNonPropertyValueMustBeANumberAccessor(() => Loc.T("有一个值必须是数字", "A value must be a number"));
        p.SetMissingBindRequiredValueAccessor(field => Loc.T($"缺少“{Label(field)}”", $"'{Label(field)}' is required"));
        p.SetMissingKeyOrValueAccessor(() => Loc.T("缺少一个值", "A value is required"));
        p.SetMissingRequestBodyRequiredValueAccessor(() => Loc.T("缺少请求内容", "The request has no body"));
        p.SetValueMustNotBeNullAccessor(value => Loc.T($"“{Short(value)}”不能为空", $"'{Short(value)}' cannot be empty"));
    }

    private static string Label(string field) => FieldLabels.Of(field);

    private static string Short(string value) => Errors.TextRules.Echo(value);
}
