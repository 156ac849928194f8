using Microsoft.AspNetCore.Identity;

namespace Rongtong.Web.Platform.I18n;

/// <summary>Identity's password and user-name messages in the user's language.</summary>
public sealed class LocalizedIdentityErrors : IdentityErrorDescriber
{
    private static IdentityError E(string code, string zh, string en) => new() { Code = code, Description = Loc.T(zh, en) };

    public override IdentityError PasswordTooShort(int length) => E(nameof(PasswordTooShort), $"密码至少{length}位", $"The password needs at least {length} characters");
    public override IdentityError PasswordRequiresDigit() => E(nameof(PasswordRequiresDigit), "密码须包含数字", "The password needs a digit");
    public override IdentityError PasswordRequiresLower() => E(nameof(PasswordRequiresLower), "密码须包含小写字母", "The password needs a lower-case letter");
    public override IdentityError PasswordRequiresUpper() => E(nameof(PasswordRequiresUpper), "密码须包含大写字母", "The password needs an upper-case letter");
    public override IdentityError PasswordRequiresNonAlphanumeric() => E(nameof(PasswordRequiresNonAlphanumeric), "密码须包含符号", "The password needs a symbol");
    public override IdentityError PasswordRequiresUniqueChars(int n) => E(nameof(PasswordRequiresUniqueChars), $"密码至少包含{n}个不同字符", $"The password needs {n} different characters");
    public override IdentityError DuplicateUserName(string userName) => E(nameof(DuplicateUserName), $"用户名“{userName}”已被使用", $"The user name '{userName}' is taken");
    public override IdentityError InvalidUserName(string? userName) => E(nameof(InvalidUserName), $"用户名“{userName}”无效", $"The user name '{userName}' is not valid");
    public override IdentityError InvalidToken() => E(nameof(InvalidToken), "邀请链接无效或已过期", "The invitation link is invalid or has expired");
    public override IdentityError DefaultError() => E(nameof(DefaultError), "操作失败", "The operation failed");
}
