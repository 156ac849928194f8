using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Features.Registry.Rules;
using Rongtong.Web.Platform.Auth;
using Rongtong.Web.Platform.Data;
using Rongtong.Web.Platform.Errors;
using Rongtong.Web.Platform.Time;

namespace Rongtong.Web.Features.Registry.Enterprises;

/// <summary>What a form, the API or an import row says about an enterprise's master data.</summary>
public sealed record EnterpriseInput
{
    public string? CreditCode { get; init; }
    public string? Name { get; init; }
    public string? IndustryCode { get; init; }
    public string? Address { get; init; }
    public bool InZone { get; init; } = true;
    public ChainRole ChainRole { get; init; } = ChainRole.Supporting;
    /// <summary>Credit code of the leading enterprise it grew out of (催生).</summary>
    public string? SpawnedBy { get; init; }
    public IncubationStatus Incubation { get; init; }
    public DateOnly? ResidentSince { get; init; }
    public DateOnly? GraduatedOn { get; init; }
    public DateOnly? MovedOutOn { get; init; }
    public ListingStatus Listing { get; init; }
    public DateOnly? ListedOn { get; init; }
    /// <summary>The version the editor started from (optimistic concurrency): required on an edit, null on create.</summary>
    public int? Version { get; init; }
}

/// <summary>Field rules shared by the form, the API and the import.</summary>
public static class EnterpriseRules
{
    public static void Check(EnterpriseInput i, DateOnly today, Errors errors, List<FieldError> warnings, out string code, out string? industry)
    {
        var cc = CreditCode.Validate(i.CreditCode);
        errors.AddRange(cc.Errors);
        warnings.AddRange(cc.Warnings);
        code = cc.Code;
        if (string.IsNullOrWhiteSpace(i.Name))
            errors.Add("name", "required", "企业名称不能为空", "The enterprise name is required");
        else if (i.Name.Trim().Length > 200)
            errors.Add("name", "max-length", "企业名称不能超过200个字符", "The enterprise name cannot exceed 200 characters");
        TextRules.NoHidden(i.Name, errors, "name", "企业名称", "The enterprise name");
        industry = IndustryCodes.Validate(i.IndustryCode, errors);
        if (i.Address?.Length > 400)
            errors.Add("address", "max-length", "地址不能超过400个字符", "The address cannot exceed 400 characters");
        TextRules.NoHidden(i.Address, errors, "address", "地址", "The address");
        void NotFuture(DateOnly? d, string field, string zh, string en)
        {
            if (d > today.AddDays(1)) errors.Add(field, "not-future", $"{zh}不能晚于今天", $"{en} cannot be in the future");
        }
        NotFuture(i.ResidentSince, "residentSince", "入驻日期", "The residence date");
        NotFuture(i.GraduatedOn, "graduatedOn", "毕业日期", "The graduation date");
        NotFuture(i.MovedOutOn, "movedOutOn", "迁出日期", "The move-out date");
        NotFuture(i.ListedOn, "listedOn", "挂牌/上市日期", "The listing date");
        if (i.Incubation != IncubationStatus.None && i.ResidentSince is null)
            errors.Add("residentSince", "required-for-status", "孵化状态为入驻/毕业/迁出时须填写入驻日期", "A residence date is required for this incubation status");
        if (i.Incubation == IncubationStatus.Graduated && i.GraduatedOn is null)
            errors.Add("graduatedOn", "required-for-status", "状态为毕业时须填写毕业日期", "A graduation date is required when the status is graduated");
        if (i.Incubation == IncubationStatus.MovedOut && i.MovedOutOn is null)
            errors.Add("movedOutOn", "required-for-status", "状态为迁出时须填写迁出日期", "A move-out date is required when the status is moved out");
        if (i.GraduatedOn < i.ResidentSince)
            errors.Add("graduatedOn", "after-residence", "毕业日期不能早于入驻日期", "The graduation date cannot precede the residence date");
        if (i.MovedOutOn < i.ResidentSince)
            errors.Add("movedOutOn", "after-residence", "迁出日期不能早于入驻日期", "The move-out date cannot precede the residence date");
        if (i.Listing != ListingStatus.None && i.ListedOn is null)
            errors.Add("listedOn", "required-for-listing", "已挂牌或上市时须填写日期", "A date is required when quoted or listed");
        if (i.ChainRole == ChainRole.Leading && !string.IsNullOrWhiteSpace(i.SpawnedBy))
            errors.Add("spawnedBy", "leading-not-spawned", "龙头企业本身不能由其他龙头企业催生", "A leading enterprise cannot itself be spawned by one");
    }

    /// <summary>Copies validated master data onto the entity (form, API and import alike) and refreshes its search keys.</summary>
    public static void Apply(EnterpriseInput input, Enterprise e, string industry, int? spawnedById)
    {
        e.Name = input.Name!.Trim();
        e.IndustryCode = industry;
        e.Address = string.IsNullOrWhiteSpace(input.Address) ? null : input.Address.Trim();
        e.InZone = input.InZone;
        e.ChainRole = input.ChainRole;
        e.SpawnedById = spawnedById;
        e.Incubation = input.Incubation;
        e.ResidentSince = input.ResidentSince;
        e.GraduatedOn = input.GraduatedOn;
        e.MovedOutOn = input.MovedOutOn;
        e.Listing = input.Listing;
        e.ListedOn = input.Listing == ListingStatus.None ? null : input.ListedOn;
        e.RefreshSearch();
    }
}

/// <summary>Creates or updates an enterprise's master data (use case: 新增/编辑企业).</summary>
public sealed class SaveEnterprise(RongtongDb db, CurrentScope scope, TimeProvider clock)
{
    public sealed record Result(Enterprise Enterprise, IReadOnlyList<FieldError> Warnings);

    /// <param name="existingKey">Credit code of the enterprise being edited; null to create.</param>
    public async Task<Result> HandleAsync(string? existingKey, EnterpriseInput input, CancellationToken ct = default)
    {
        var errors = new Errors();
        var warnings = new List<FieldError>();
        EnterpriseRules.Check(input, clock.Today(), errors, warnings, out var code, out var industry);

        Enterprise? e = null;
        if (existingKey is not null)
        {
            e = await scope.FindVisibleAsync(db, existingKey, ct);
            if (!scope.CanEdit(e)) throw new NotFoundException("enterprise");
            if (input.Version is { } v && v != e.Version)
                throw new ConflictException("该企业已被他人修改，请刷新后重试", "Someone else changed this enterprise; reload and try again");
            // without the version that was read, an edit would silently overwrite whatever changed since
            if (input.Version is null)
                errors.Add("version", "required", "修改须附上读取时的版本号（version），以免覆盖他人在此期间的修改",
                    "An edit needs the version that was read (version), so that it cannot overwrite a change made meanwhile");
        }
        else if (!scope.IsOperator || scope.HomeCarrierId is null)
        {
            throw new NotFoundException("carrier");
        }

        var carrierId = e?.CarrierId ?? scope.HomeCarrierId!.Value;
        if (errors.Ok)
        {
            var clash = await db.Enterprises.Where(x => x.CreditCode == code && (e == null || x.Id != e.Id))
                .Select(x => new { x.Name, x.CarrierId }).FirstOrDefaultAsync(ct);
            if (clash is not null)
            {
                if (clash.CarrierId == carrierId)
                    errors.Add("creditCode", "unique", $"统一社会信用代码{code}已登记（{clash.Name}）", $"Credit code {code} is already registered ({clash.Name})");
                else
                    errors.Add("creditCode", "unique", $"统一社会信用代码{code}已由其他载体登记", $"Credit code {code} is already registered by another carrier");
            }
        }
        int? spawnedById = null;
        if (!string.IsNullOrWhiteSpace(input.SpawnedBy))
        {
            var parentCode = CreditCode.Normalize(input.SpawnedBy);
            var parent = await db.Enterprises.Where(x => x.CreditCode == parentCode && x.CarrierId == carrierId)
                .Select(x => new { x.Id, x.ChainRole }).FirstOrDefaultAsync(ct);
            if (parent is null || parent.ChainRole != ChainRole.Leading)
                errors.Add("spawnedBy", "leading-enterprise", $"催生企业“{input.SpawnedBy}”不是本载体登记的龙头企业",
                    $"'{input.SpawnedBy}' is not a leading enterprise registered with this carrier");
            else if (parent.Id == e?.Id)
                errors.Add("spawnedBy", "not-self", "企业不能由自身催生", "An enterprise cannot spawn itself");
            else spawnedById = parent.Id;
        }
        if (!errors.Ok) throw new ValidationFailedException(errors);

        var now = clock.GetUtcNow().UtcDateTime;
        if (e is null)
        {
            e = new Enterprise { CarrierId = carrierId, CreatedAt = now };
            db.Enterprises.Add(e);
        }
        e.CreditCode = code;
        EnterpriseRules.Apply(input, e, industry!, spawnedById);
        e.UpdatedAt = now;
        e.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("该企业已被他人修改，请刷新后重试", "Someone else changed this enterprise; reload and try again");
        }
        catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException)
        {
            // a concurrent insert of the same code lost the race against the unique index
            db.ChangeTracker.Clear();
            if (await db.Enterprises.AnyAsync(x => x.CreditCode == code, ct))
                throw new ValidationFailedException([new FieldError("creditCode", "unique", $"统一社会信用代码{code}已登记", $"Credit code {code} is already registered")]);
            throw;
        }
        return new Result(e, warnings);
    }
}
