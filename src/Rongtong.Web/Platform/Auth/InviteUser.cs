using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Features.Registry.Rules;
using Rongtong.Web.Platform.Data;
using Rongtong.Web.Platform.Errors;

namespace Rongtong.Web.Platform.Auth;

public sealed record InviteInput
{
    public string? UserName { get; init; }
    public string? DisplayName { get; init; }
    public string? Role { get; init; }
    /// <summary>Credit code of the enterprise the user acts for (LeadingEnterprise, Enterprise, ServiceProvider, Bank).</summary>
    public string? EnterpriseCode { get; init; }
}

/// <summary>
/// An operator invites a user to its carrier; the invitee opens the one-time link and sets a password.
/// Only the token's SHA-256 is stored. Invitations are audited through the role assignment.
/// </summary>
public sealed class InviteUser(RongtongDb db, CurrentScope scope, UserManager<AppUser> users, TimeProvider clock)
{
    /// <summary>Roles an operator may grant (never Authority or another carrier's roles).</summary>
    public static readonly string[] Grantable = [Roles.Operator, Roles.LeadingEnterprise, Roles.Enterprise, Roles.ServiceProvider, Roles.Bank, Roles.Expert];

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <returns>The one-time token (shown once, in the invitation link).</returns>
    public async Task<string> InviteAsync(InviteInput input, CancellationToken ct = default)
    {
        if (!scope.IsOperator || scope.HomeCarrierId is not { } carrierId) throw new NotFoundException("carrier");
        var errors = new Errors.Errors();
        var userName = input.UserName?.Trim() ?? "";
        var now = clock.GetUtcNow().UtcDateTime;
        if (userName.Length is < 2 or > 64)
            errors.Add("userName", "length", "用户名应为2–64个字符", "The user name must have 2–64 characters");
        // user names compare without case, as Identity's do ("Alice" is taken by "alice")
        else if (await users.FindByNameAsync(userName) is not null
                 || await db.Invitations.AnyAsync(i => i.UserName.ToUpper() == userName.ToUpper() && i.AcceptedAt == null && i.ExpiresAt >= now, ct))
            errors.Add(Taken(userName));
        if (string.IsNullOrWhiteSpace(input.DisplayName))
            errors.Add("displayName", "required", "姓名/单位不能为空", "The display name is required");
        if (input.Role is null || !Grantable.Contains(input.Role))
            errors.Add("role", "grantable", "请选择可授予的角色", "Choose a role you may grant");
        int? enterpriseId = null;
        var needsEnterprise = input.Role is Roles.LeadingEnterprise or Roles.Enterprise;
        if (!string.IsNullOrWhiteSpace(input.EnterpriseCode))
        {
            var code = CreditCode.Normalize(input.EnterpriseCode);
            enterpriseId = await db.Enterprises.Where(e => e.CreditCode == code && e.CarrierId == carrierId).Select(e => (int?)e.Id).FirstOrDefaultAsync(ct);
            if (enterpriseId is null)
                errors.Add("enterpriseCode", "registered", $"本载体未登记信用代码为{code}的企业", $"No enterprise with credit code {code} is registered with this carrier");
        }
        else if (needsEnterprise)
        {
            errors.Add("enterpriseCode", "required-for-role", "企业用户须指定所属企业的统一社会信用代码", "An enterprise user needs the credit code of its enterprise");
        }
        if (!errors.Ok) throw new ValidationFailedException(errors);

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        // an expired invitation of the name no longer holds it (one statement: two operators re-inviting at once both succeed in deleting it)
        await db.Invitations.Where(i => i.UserName == userName && i.AcceptedAt == null && i.ExpiresAt < now).ExecuteDeleteAsync(ct);
        db.Invitations.Add(new Invitation
        {
            CarrierId = carrierId, UserName = userName, DisplayName = input.DisplayName!.Trim(), Role = input.Role!, EnterpriseId = enterpriseId,
            TokenHash = Hash(token), CreatedAt = now, ExpiresAt = now.AddDays(7), InvitedBy = scope.UserName,
        });
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex)) { throw new ValidationFailedException([Taken(userName)]); } // invited at the same moment
        return token;
    }

    private static FieldError Taken(string userName) => new("userName", "unique", $"用户名“{userName}”已被使用", $"The user name '{userName}' is taken");

    private static readonly FieldError InvalidLink = new("token", "valid-invitation", "邀请链接无效、已使用或已过期", "The invitation link is invalid, used or expired");

    /// <summary>Accepts an invitation: creates the user with the role; refused when expired, used or the password is weak.</summary>
    public async Task<AppUser> AcceptAsync(string token, string password, CancellationToken ct = default)
    {
        var hash = Hash(token ?? "");
        var inv = await db.Invitations.FirstOrDefaultAsync(i => i.TokenHash == hash, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (inv is null || inv.AcceptedAt is not null || inv.ExpiresAt < now) throw new ValidationFailedException([InvalidLink]);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // claim the invitation first: the same link opened twice at once creates one user; the other is told it is used
        if (await db.Invitations.Where(i => i.Id == inv.Id && i.AcceptedAt == null).ExecuteUpdateAsync(s => s.SetProperty(i => i.AcceptedAt, now), ct) == 0)
            throw new ValidationFailedException([InvalidLink]);
        var user = new AppUser
        {
            UserName = inv.UserName, DisplayName = inv.DisplayName, CarrierId = inv.CarrierId, EnterpriseId = inv.EnterpriseId,
            EmailConfirmed = true, LockoutEnabled = true,
        };
        var r = await users.CreateAsync(user, password ?? "");
        if (!r.Succeeded)
            throw new ValidationFailedException(r.Errors.Select(e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName)
                ? Taken(inv.UserName) : new FieldError("password", e.Code, e.Description, e.Description)).ToList());
        await users.AddToRoleAsync(user, inv.Role);
        inv.AcceptedAt = now;
        db.Actor.Name = inv.UserName;
        db.Actor.CarrierId = inv.CarrierId;
        db.AuditEntries.Add(new Auditing.AuditEntry
        {
            At = now, Actor = $"{inv.InvitedBy} (invitation)", CarrierId = inv.CarrierId, Action = "created", Entity = "User",
            EntityId = user.Id, EntityLabel = user.UserName, Field = "Role", NewValue = inv.Role,
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return user;
    }
}
