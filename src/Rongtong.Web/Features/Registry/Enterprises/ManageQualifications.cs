using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Platform.Auth;
using Rongtong.Web.Platform.Data;
using Rongtong.Web.Platform.Errors;

namespace Rongtong.Web.Features.Registry.Enterprises;

public sealed record QualificationInput
{
    public QualificationKind? Kind { get; init; }
    public DateOnly? IssuedOn { get; init; }
    public DateOnly? ExpiresOn { get; init; }
    public string? CertificateNo { get; init; }
}

/// <summary>Adds and removes an enterprise's qualifications (资质), audited (use case: 维护资质).</summary>
public sealed class ManageQualifications(RongtongDb db, CurrentScope scope)
{
    public async Task<Qualification> AddAsync(string enterpriseKey, QualificationInput input, CancellationToken ct = default)
    {
        var e = await scope.FindVisibleAsync(db, enterpriseKey, ct);
        if (!scope.CanEdit(e)) throw new NotFoundException("enterprise");
        var errors = new Errors();
        if (input.Kind is null || !Enum.IsDefined(input.Kind.Value))
            errors.Add("kind", "required", "请选择资质类型", "Choose the kind of qualification");
        if (input.IssuedOn is null)
            errors.Add("issuedOn", "required", "认定日期不能为空", "The issue date is required");
        if (input.ExpiresOn < input.IssuedOn)
            errors.Add("expiresOn", "after-issue", "有效期截止日不能早于认定日期", "The expiry date cannot precede the issue date");
        if (input.CertificateNo?.Length > 60)
            errors.Add("certificateNo", "max-length", "证书编号不能超过60个字符", "The certificate number cannot exceed 60 characters");
        if (errors.Ok && await db.Qualifications.AnyAsync(q => q.EnterpriseId == e.Id && q.Kind == input.Kind && q.IssuedOn == input.IssuedOn, ct))
            errors.Add("issuedOn", "unique", "该资质在同一认定日期已登记", "This qualification is already recorded with the same issue date");
        if (!errors.Ok) throw new ValidationFailedException(errors);
        var q = new Qualification
        {
            EnterpriseId = e.Id, Kind = input.Kind!.Value, IssuedOn = input.IssuedOn!.Value, ExpiresOn = input.ExpiresOn,
            CertificateNo = string.IsNullOrWhiteSpace(input.CertificateNo) ? null : input.CertificateNo.Trim(),
        };
        db.Qualifications.Add(q);
        await db.SaveChangesAsync(ct);
        return q;
    }

    public async Task RemoveAsync(string enterpriseKey, int qualificationId, CancellationToken ct = default)
    {
        var e = await scope.FindVisibleAsync(db, enterpriseKey, ct);
        if (!scope.CanEdit(e)) throw new NotFoundException("enterprise");
        var q = await db.Qualifications.FirstOrDefaultAsync(x => x.Id == qualificationId && x.EnterpriseId == e.Id, ct)
                ?? throw new NotFoundException("qualification");
        db.Qualifications.Remove(q);
        await db.SaveChangesAsync(ct);
    }
}
