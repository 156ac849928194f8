using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore.Storage;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Rongtong.Web.Features.Registry.Enterprises;
using Rongtong.Web.Features.Registry.Figures;
using Rongtong.Web.Features.Registry.Rules;
using Rongtong.Web.Features.Registry.Search;
using Rongtong.Web.Platform.Time;
using Rongtong.Web.Platform.Auditing;
using Rongtong.Web.Platform.Data;
using Rongtong.Web.Platform.Errors;

namespace Rongtong.Web.Features.Registry.Import;

/// <param name="CarrierId">The carrier the rows belong to: the operator's own (page, API) or the one named on the CLI.</param>
/// <param name="Content">The file; copied to memory first when it cannot seek.</param>
public sealed record ImportRequest(int CarrierId, string FileName, Stream Content, bool DryRun);

public enum ImportStage { Reading, Validating, Writing }

/// <summary>Progress of a long import: bytes read while reading, rows while validating and writing.</summary>
public readonly record struct ImportProgress(ImportStage Stage, long Done, long Total);

/// <summary>
/// 批量导入企业及年度数据 (use case). All or nothing: every row is validated first (with the same field rules as the
/// forms), and only a file without a single error is written, in one transaction, by the bulk path. Idempotent: rows
/// are matched by credit code and (enterprise, year), and a row that changes nothing is not rewritten.
/// An empty cell means "not given": an existing value is kept, a new record gets the form's default.
/// See docs/adr/0006-bulk-import.md.
/// </summary>
public sealed class ImportEnterprises(RongtongDb db, TimeProvider clock)
{
    private static readonly ImportField[] MasterFields = ImportColumns.All.Where(c => c.IsMaster && c.Field != ImportField.CreditCode).Select(c => c.Field).ToArray();

    private static readonly ImportField[] FigureFields = ImportColumns.All.Where(c => !c.IsMaster && c.Field != ImportField.Year).Select(c => c.Field).ToArray();

    private const int ProgressEvery = 2000;

    /// <summary>The audit entity of an import's summary row (one per import that writes; its id and label are the file name).</summary>
    public const string AuditEntity = "Import";

    public async Task<ImportResult> HandleAsync(ImportRequest request, Action<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        var run = new Run(request, progress, clock.GetUtcNow().UtcDateTime);
        var stream = request.Content;
        if (!stream.CanSeek)
        {
            var copy = new MemoryStream();
            await stream.CopyToAsync(copy, ct);
            copy.Position = 0;
            stream = copy;
        }
        if (!run.Read(stream, ct) || !run.StructureOk) return run.Result(null);
        try
        {
            await ValidateAsync(run, ct);
            if (!run.AllOk) return run.Result(null);
            var totals = run.Totals();
            if (!request.DryRun && totals.ChangesAnything) await WriteAsync(run, totals, ct);
            return run.Result(totals);
        }
        finally
        {
            // an import that did not commit rolls back what was copied while validating
            if (run.Early is { } early) await early.DisposeAsync();
        }
    }

    private async Task ValidateAsync(Run run, CancellationToken ct)
    {
        run.Report(ImportStage.Validating, 0, run.Rows.Count);
        var carrierId = run.Request.CarrierId;
        var existing = await db.Enterprises.AsNoTracking().Where(e => e.CarrierId == carrierId).ToDictionaryAsync(e => e.CreditCode, ct);
        var codeOf = existing.Values.ToDictionary(e => e.Id, e => e.CreditCode);
        // rows by credit code, groups in the order of their first row
        var byCode = new Dictionary<string, Group>(run.Rows.Count, StringComparer.Ordinal);
        var groups = new List<Group>(run.Rows.Count);
        foreach (var r in run.Rows)
        {
            if (r.Code.Length == 0) continue;
            if (!byCode.TryGetValue(r.Code, out var group))
            {
                group = new Group(r.Code, new List<Row>(1), existing.GetValueOrDefault(r.Code));
                byCode.Add(r.Code, group);
                groups.Add(group);
            }
            group.Rows.Add(r);
        }

        var elsewhere = await RegisteredElsewhereAsync(groups.Where(g => g.Existing is null).Select(g => g.Code).ToList(), carrierId, ct);
        var years = groups.Any(g => g.Existing is not null)
            ? (await db.EnterpriseYears.AsNoTracking().Where(y => y.CarrierId == carrierId).ToListAsync(ct))
                .GroupBy(y => y.EnterpriseId).ToDictionary(g => g.Key, g => g.ToDictionary(y => y.Year))
            : [];

        // a column may be left out when every row is about an enterprise already registered
        if (groups.Any(g => g.Existing is null))
        {
            run.RequireColumn(ImportField.Name);
            run.RequireColumn(ImportField.IndustryCode);
        }
        if (FigureFields.Any(run.HasColumn)) run.RequireColumn(ImportField.Year);
        // rows with cell errors are still checked against the rules, so that the user gets every error in one go
        if (!run.StructureOk) return;

        foreach (var g in groups) Merge(run, g);
        // PostgreSQL: new enterprises are copied while the later groups are still being planned, so that the server
        // stores them while this thread validates; the transaction keeps the import all or nothing (a row that fails
        // later rolls it back). Not on SQLite, whose writing runs on this process's cores as well.
        var newCount = groups.Count(g => g.Existing is null);
        if (db.IsPostgres && !run.Request.DryRun && newCount > 0 && run.AllOk)
        {
            var tx = await db.Database.BeginTransactionAsync(ct);
            var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var queue = new BlockingCollection<Enterprise>();
            var w = new BulkWriter(db, tx);
            run.Early = new EarlyCopy(tx, queue, Task.Run(() => w.InsertStreamAsync(queue.GetConsumingEnumerable(stop.Token), newCount, stop.Token), CancellationToken.None), stop);
        }
        var done = 0;
        foreach (var g in groups)
        {
            Plan(run, g, byCode, existing, codeOf, elsewhere, g.Existing is { } e ? years.GetValueOrDefault(e.Id) : null);
            // an enterprise spawned by one created in this file waits for its parent's id (WriteAsync)
            if (run.Early is { } early && g is { Existing: null, SpawnedByNew: null, Target: { } target }) early.Queue.Add(target, ct);
            if (++done % ProgressEvery == 0) run.Report(ImportStage.Validating, done, groups.Count);
        }
        run.Report(ImportStage.Validating, groups.Count, groups.Count);
        run.Groups = groups;
    }

    /// <summary>Master data of one credit code over its rows: the first value given wins; a different one later is an error.</summary>
    private static void Merge(Run run, Group g)
    {
        if (g.Rows.Count == 1) g.MasterIsRow();
        else
        {
            g.MasterOfRows();
            foreach (var f in MasterFields)
            {
                foreach (var row in g.Rows)
                {
                    var v = row.V[(int)f];
                    if (v is null) continue;
                    var i = (int)f;
                    if (g.Master[i] is null) g.SetMaster(f, v, row);
                    else if (!Equals(g.Master[i], v))
                    {
                        var col = run.Column(f);
                        var source = g.SourceOf(f)!.Number;
                        row.Errors.Add(col, "conflict", $"“{col}”与第{source}行（同一统一社会信用代码）不一致",
                            $"'{col}' differs from row {source} (same credit code)");
                    }
                }
            }
        }
        g.Role = g.Get<ChainRole>(ImportField.ChainRole) ?? g.Existing?.ChainRole ?? ChainRole.Supporting;
    }

    private void Plan(Run run, Group g, Dictionary<string, Group> byCode, Dictionary<string, Enterprise> existing, Dictionary<int, string> codeOf,
        HashSet<string> elsewhere, Dictionary<int, EnterpriseYear>? oldYears)
    {
        var first = g.Rows[0];
        var e0 = g.Existing;
        if (e0 is null && elsewhere.Contains(g.Code))
        {
            first.Errors.Add(run.Column(ImportField.CreditCode), "unique", $"统一社会信用代码{g.Code}已由其他载体登记",
                $"Credit code {g.Code} is already registered by another carrier");
            return;
        }
        var input = new EnterpriseInput
        {
            CreditCode = g.Code,
            Name = g.Text(ImportField.Name) ?? e0?.Name,
            IndustryCode = g.Text(ImportField.IndustryCode) ?? e0?.IndustryCode,
            Address = g.Text(ImportField.Address) ?? e0?.Address,
            InZone = g.Get<bool>(ImportField.InZone) ?? e0?.InZone ?? true,
            ChainRole = g.Role,
            SpawnedBy = g.Text(ImportField.SpawnedBy) ?? (e0?.SpawnedById is { } p ? codeOf.GetValueOrDefault(p) : null),
            Incubation = g.Get<IncubationStatus>(ImportField.Incubation) ?? e0?.Incubation ?? IncubationStatus.None,
            ResidentSince = g.Get<DateOnly>(ImportField.ResidentSince) ?? e0?.ResidentSince,
            GraduatedOn = g.Get<DateOnly>(ImportField.GraduatedOn) ?? e0?.GraduatedOn,
            MovedOutOn = g.Get<DateOnly>(ImportField.MovedOutOn) ?? e0?.MovedOutOn,
            Listing = g.Get<ListingStatus>(ImportField.Listing) ?? e0?.Listing ?? ListingStatus.None,
            ListedOn = g.Get<DateOnly>(ImportField.ListedOn) ?? e0?.ListedOn,
        };
        var errors = new Errors();
        var warnings = new List<FieldError>();
        EnterpriseRules.Check(input, run.Today, errors, warnings, out _, out var industry);
        foreach (var e in errors)
        {
            var col = ImportColumns.ByRule(e.Field);
            // a missing column is reported once, on the header, not again on every row
            if (col is not null && e.Rule == "required" && !run.HasColumn(col.Field)) continue;
            run.AddRuleError(col is null ? first : g.SourceOf(col.Field) ?? first, e);
        }
        foreach (var w in warnings) first.Warn(run.Map(w));

        // 催生企业: a leading enterprise of this carrier, registered already or in this file
        int? spawnedById = e0?.SpawnedById;
        if (g.Text(ImportField.SpawnedBy) is { } parentCode)
        {
            var col = run.Column(ImportField.SpawnedBy);
            var row = g.SourceOf(ImportField.SpawnedBy)!;
            var inFile = byCode.GetValueOrDefault(parentCode);
            var parentRole = inFile?.Role ?? existing.GetValueOrDefault(parentCode)?.ChainRole;
            if (parentCode == g.Code)
                row.Errors.Add(col, "not-self", "企业不能由自身催生", "An enterprise cannot spawn itself");
            else if (parentRole != ChainRole.Leading)
                row.Errors.Add(col, "leading-enterprise", $"催生企业“{parentCode}”不是本载体登记的龙头企业",
                    $"'{parentCode}' is not a leading enterprise registered with this carrier");
            else if (inFile is { Existing: null })
                g.SpawnedByNew = inFile;
            else
                spawnedById = (inFile?.Existing ?? existing[parentCode]).Id;
        }
        // the enterprise as it will be; when it has errors, its years are still checked (every error in one go)
        var planning = industry is not null && g.Rows.All(r => r.Ok);
        var target = e0 ?? new Enterprise { CarrierId = run.Request.CarrierId, CreditCode = g.Code, CreatedAt = run.Now, UpdatedAt = run.Now, Version = 1 };
        var before = e0 is null ? null : Snapshot.Of(db, e0);
        if (planning) g.Target = target;
        EnterpriseRules.Apply(input, target, industry ?? "", g.SpawnedByNew is null ? spawnedById : null);

        // its years; the latest one (stored or planned) gives the enterprise its size class
        var latest = oldYears?.Values.MaxBy(y => y.Year);
        var seen = g.Rows.Count > 1 ? new Dictionary<int, Row>() : null;
        foreach (var row in g.Rows)
        {
            if (row.Get<int>(ImportField.Year) is not { } year)
            {
                if (FigureFields.Any(f => row.V[(int)f] is not null) && row.Errors.All(e => e.Field != run.Column(ImportField.Year)))
                {
                    var col = run.Column(ImportField.Year);
                    row.Errors.Add(col, "required", $"填写了年度数据的行须填写“{col}”", $"'{col}' is required on a row with yearly figures");
                }
                continue;
            }
            if (seen is not null && seen.TryGetValue(year, out var earlier))
            {
                row.Errors.Add(run.Column(ImportField.Year), "duplicate", $"第{earlier.Number}行已有该企业{year}年度的数据",
                    $"Row {earlier.Number} already has this enterprise's figures for {year}");
                continue;
            }
            seen?.Add(year, row);
            var old = oldYears?.GetValueOrDefault(year);
            var yi = new YearInput
            {
                Year = year,
                Employees = row.Get<int>(ImportField.Employees) ?? old?.Employees,
                DegreeHolders = row.Get<int>(ImportField.DegreeHolders) ?? old?.DegreeHolders,
                Revenue = row.Get<decimal>(ImportField.Revenue) ?? old?.Revenue,
                TotalAssets = row.Get<decimal>(ImportField.TotalAssets) ?? old?.TotalAssets,
                Output = row.Get<decimal>(ImportField.Output) ?? old?.Output,
                ProfitTax = row.Get<decimal>(ImportField.ProfitTax) ?? old?.ProfitTax,
                RnD = row.Get<decimal>(ImportField.RnD) ?? old?.RnD,
                LandArea = row.Get<decimal>(ImportField.LandArea) ?? old?.LandArea,
                NewJobs = row.Get<int>(ImportField.NewJobs) ?? old?.NewJobs,
            };
            var ye = new Errors();
            YearRules.Check(yi, ye, run.Now.Year);
            foreach (var e in ye)
            {
                var col = ImportColumns.ByRule(e.Field);
                if (col is not null && e.Rule == "required" && !run.HasColumn(col.Field))
                    row.Errors.Add(run.Column(col.Field), "missing-column", $"新增年度数据须有“{run.Column(col.Field)}”列",
                        $"New yearly figures need a '{run.Column(col.Field)}' column");
                else run.AddRuleError(row, e);
            }
            if (!row.Ok || !planning) continue;
            var y = old ?? new EnterpriseYear { CarrierId = run.Request.CarrierId, Year = year };
            var yBefore = old is null ? null : Snapshot.Of(db, old);
            FileFigures.Apply(y, yi, industry!, db.Actor.Name, run.Now);
            row.Size = y.SizeClass;
            if (latest is null || y.Year >= latest.Year) latest = y;
            if (yBefore is null) g.NewYears.Add(y);
            else if (yBefore.Diff(db, y) is { Count: > 0 } changes) g.AddChangedYear(y, changes);
            else g.UnchangedYears++;
        }
        if (latest is not null)
        {
            target.SizeClass = latest.SizeClass;
            target.SizeYear = latest.Year;
        }
        if (before is not null)
        {
            var changes = before.Diff(db, target);
            if (g.SpawnedByNew is not null)
            {
                // its parent is created by this import: the new id is filled in when written
                changes.RemoveAll(c => c.Field == nameof(Enterprise.SpawnedById));
                changes.Add(new Snapshot.Change(nameof(Enterprise.SpawnedById), Snapshot.Format(e0!.SpawnedById), null));
            }
            g.Changes = changes;
        }
    }

    private async Task<HashSet<string>> RegisteredElsewhereAsync(List<string> codes, int carrierId, CancellationToken ct)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        if (codes.Count == 0) return found;
        // when the other carriers have no more enterprises than the file has new codes (a first import, a registry of
        // one carrier), their codes are read in one pass instead of looking each code up (0.2 s for 100,000 codes)
        var others = db.Enterprises.Where(e => e.CarrierId != carrierId);
        if (await others.Take(codes.Count + 1).CountAsync(ct) <= codes.Count)
        {
            found.UnionWith(await others.Select(e => e.CreditCode).ToListAsync(ct));
            found.IntersectWith(codes);
            return found;
        }
        // one array parameter per chunk (json_each on SQLite, = ANY on PostgreSQL), not one parameter per code
        foreach (var chunk in codes.Chunk(10_000))
        {
            var list = chunk.ToList();
            found.UnionWith(await db.Enterprises.Where(e => e.CarrierId != carrierId && EF.Parameter(list).Contains(e.CreditCode))
                .Select(e => e.CreditCode).ToListAsync(ct));
        }
        return found;
    }

    private async Task WriteAsync(Run run, ImportTotals totals, CancellationToken ct)
    {
        var groups = run.Groups.Where(g => g.Target is not null).ToList();
        var created = groups.Where(g => g.Existing is null).ToList();
        var changed = groups.Where(g => g.Existing is not null && g.Changes.Count > 0).ToList();
        var total = created.Count + changed.Count + groups.Sum(g => g.NewYears.Count + g.ChangedYears.Count);
        run.Report(ImportStage.Writing, 0, total);
        var actor = db.Actor;
        var carrierId = run.Request.CarrierId;
        var now = run.Now;
        AuditEntry Audit(string action, string entity, object id, string? label, string field, string? oldValue, string? newValue) => new()
        {
            At = now, UserId = actor.UserId, Actor = actor.Name, CarrierId = carrierId, Action = action, Entity = entity,
            EntityId = Convert.ToString(id, System.Globalization.CultureInfo.InvariantCulture)!, EntityLabel = label, Field = field,
            OldValue = oldValue, NewValue = newValue,
        };
        foreach (var g in changed)
        {
            g.Target!.Version++;
            g.Target.UpdatedAt = now;
        }
        try
        {
            // PostgreSQL: the transaction began while validating, with the COPY of new enterprises (ValidateAsync)
            var early = run.Early;
            await using var own = early is null ? await db.Database.BeginTransactionAsync(ct) : null;
            var tx = early?.Tx ?? own!;
            var w = new BulkWriter(db, tx);
            // SQLite, an import that more than doubles the registry: indexes are rebuilt once at the end
            var rebuild = new List<Func<CancellationToken, Task>>();
            if (!db.IsPostgres && created.Count > 10_000 && created.Count > await db.Enterprises.CountAsync(ct))
            {
                rebuild.Add(await w.DropIndexesAsync<Enterprise>(ct));
                rebuild.Add(await w.DropIndexesAsync<EnterpriseYear>(ct));
            }
            // leaders created by this file first, so that the enterprises they spawned can point at them
            if (early is not null) await early.FinishAsync();
            else await w.InsertAsync(created.Where(g => g.SpawnedByNew is null).Select(g => g.Target!).ToList(), ct);
            foreach (var g in groups.Where(g => g.SpawnedByNew is not null)) g.Target!.SpawnedById = g.SpawnedByNew!.Target!.Id;
            await w.InsertAsync(created.Where(g => g.SpawnedByNew is not null).Select(g => g.Target!).ToList(), ct);
            await w.UpdateAsync(changed.Select(g => g.Target!).ToList(), ct);
            if (!db.IsPostgres)
            {
                // created enterprises are indexed in one statement from the rows just written; changed ones one by one
                await SearchIndex.AddFromTableAsync(db.Database.GetDbConnection(), tx.GetDbTransaction(), created.Select(g => g.Target!.Id).ToList(), ct);
                await SearchIndex.UpsertAsync(db.Database.GetDbConnection(), tx.GetDbTransaction(),
                    changed.Select(g => (g.Target!.Id, g.Target.CarrierId, g.Target.SearchGrams)), [], ct);
            }
            run.Report(ImportStage.Writing, created.Count + changed.Count, total);
            foreach (var g in groups)
                foreach (var y in g.NewYears) y.EnterpriseId = g.Target!.Id;
            // years of a new enterprise are audited with it; only years added to an existing one need their ids
            await w.InsertAsync(created.SelectMany(g => g.NewYears).ToList(), ct, setIds: false);
            await w.InsertAsync(groups.Where(g => g.Existing is not null).SelectMany(g => g.NewYears).ToList(), ct);
            await w.UpdateAsync(groups.SelectMany(g => g.ChangedYears.Select(c => c.Year)).ToList(), ct);
            foreach (var r in rebuild) await r(ct);

            var audit = new List<AuditEntry>();
            foreach (var g in groups)
            {
                var e = g.Target!;
                // a created enterprise is covered by the import's summary row: its CreatedAt is the summary's instant
                // (EnterpriseDetails shows that row in the enterprise's history), its years carry FiledBy/FiledAt
                if (g.Existing is null) continue;
                audit.AddRange(g.Changes.Select(c => Audit("updated", nameof(Enterprise), e.Id, e.CreditCode, c.Field, c.Old,
                    c.Field == nameof(Enterprise.SpawnedById) ? Snapshot.Format(e.SpawnedById) : c.New)));
                audit.AddRange(g.NewYears.Select(y => Audit("imported", nameof(EnterpriseYear), y.Id, $"{e.CreditCode}/{y.Year}", "*", null, y.Year.ToString(System.Globalization.CultureInfo.InvariantCulture))));
                foreach (var (y, changes) in g.ChangedYears)
                    audit.AddRange(changes.Select(c => Audit("updated", nameof(EnterpriseYear), y.Id, $"{e.CreditCode}/{y.Year}", c.Field, c.Old, c.New)));
            }
            var name = run.Request.FileName.Length > 200 ? run.Request.FileName[..200] : run.Request.FileName;
            audit.Add(Audit("imported", AuditEntity, name, name, "*", null,
                $"rows {totals.Rows}; enterprises created {totals.EnterprisesCreated}, updated {totals.EnterprisesUpdated}, unchanged {totals.EnterprisesUnchanged}; " +
                $"years created {totals.YearsCreated}, updated {totals.YearsUpdated}, unchanged {totals.YearsUnchanged}"));
            await w.InsertAsync(audit, ct, setIds: false);
            await RegistryViews.BumpAsync(db, new Dictionary<int, HashSet<int>?>
            {
                [run.Request.CarrierId] = created.Count + changed.Count > RegistryViews.MaxLogged ? null : created.Concat(changed).Select(g => g.Target!.Id).ToHashSet(),
            }, ct);
            await tx.CommitAsync(ct);
            // a large import changes the statistics the planners use to choose the search index
            if (totals.EnterprisesCreated + totals.YearsCreated > 1000)
                await db.Database.ExecuteSqlRawAsync("""ANALYZE "Enterprises"; ANALYZE "EnterpriseYears";""", ct);
            run.Report(ImportStage.Writing, total, total);
        }
        catch (DbException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            throw new ConflictException("导入期间已有他人登记了其中的企业或年度数据，未写入任何数据，请重新导入",
                "Someone registered some of these enterprises or figures during the import; nothing was written, import again");
        }
    }

    /// <summary>PostgreSQL: the transaction begun while validating and the COPY of new enterprises fed from a queue.</summary>
    private sealed class EarlyCopy(IDbContextTransaction tx, BlockingCollection<Enterprise> queue, Task copy, CancellationTokenSource stop) : IAsyncDisposable
    {
        public IDbContextTransaction Tx => tx;
        public BlockingCollection<Enterprise> Queue => queue;

        /// <summary>Ends the COPY once the queued rows are written; throws what the COPY threw.</summary>
        public Task FinishAsync()
        {
            queue.CompleteAdding();
            return copy;
        }

        /// <summary>Stops the COPY if it still runs and ends the transaction (a rollback unless committed).</summary>
        public async ValueTask DisposeAsync()
        {
            stop.Cancel();
            if (!queue.IsAddingCompleted) queue.CompleteAdding();
            try
            {
                await copy;
            }
            catch (Exception)
            {
                // stopped, or failed: the import has failed or returned already, and the rollback follows
            }
            await tx.DisposeAsync();
            queue.Dispose();
            stop.Dispose();
        }
    }

    /// <summary>One row of the file, parsed.</summary>
    private sealed class Row(int number)
    {
        public int Number { get; } = number;
        /// <summary>The normalised credit code, empty when the row's code is invalid.</summary>
        public string Code { get; set; } = "";
        public string? RawCode { get; set; }
        /// <summary>Parsed cells by <see cref="ImportField"/>; null = not given.</summary>
        public object?[] V { get; } = new object?[ImportColumns.Count];
        public Errors Errors { get; } = [];
        private List<FieldError>? _warnings;
        // made when there is one: every row lives until the import ends, and an empty list per row cost collection time
        public IReadOnlyList<FieldError> Warnings => _warnings ?? (IReadOnlyList<FieldError>)[];
        public void Warn(FieldError w) => (_warnings ??= []).Add(w);
        public SizeClass? Size { get; set; }
        public bool Ok => Errors.Ok;

        public T? Get<T>(ImportField f) where T : struct => V[(int)f] is T v ? v : null;
    }

    /// <summary>All rows of one credit code.</summary>
    private sealed class Group(string code, List<Row> rows, Enterprise? existing)
    {
        public string Code { get; } = code;
        public List<Row> Rows { get; } = rows;
        public Enterprise? Existing { get; } = existing;
        /// <summary>
        /// The master values by field (read for master fields only). For the usual group of one row these are that
        /// row's cells themselves: two arrays fewer per row, which all live until the import ends.
        /// </summary>
        public object?[] Master { get; private set; } = null!;
        private Row?[]? _source;

        /// <summary>The values are the only row's cells.</summary>
        public void MasterIsRow() => Master = Rows[0].V;

        /// <summary>The values are merged from the rows (<see cref="SetMaster"/>).</summary>
        public void MasterOfRows()
        {
            Master = new object?[ImportColumns.Count];
            _source = new Row?[ImportColumns.Count];
        }

        public void SetMaster(ImportField f, object v, Row row)
        {
            Master[(int)f] = v;
            _source![(int)f] = row;
        }

        /// <summary>Which row gave a master value (errors about it go there); null when no row gave one.</summary>
        public Row? SourceOf(ImportField f) => _source is null ? (Master[(int)f] is null ? null : Rows[0]) : _source[(int)f];
        public ChainRole Role { get; set; }
        /// <summary>Set when the enterprise is valid: the row to insert or the existing one, changed.</summary>
        public Enterprise? Target { get; set; }
        public Group? SpawnedByNew { get; set; }
        public IReadOnlyList<Snapshot.Change> Changes { get; set; } = [];
        public List<EnterpriseYear> NewYears { get; } = [];
        private List<(EnterpriseYear Year, List<Snapshot.Change> Changes)>? _changedYears;
        public IReadOnlyList<(EnterpriseYear Year, List<Snapshot.Change> Changes)> ChangedYears => _changedYears ?? (IReadOnlyList<(EnterpriseYear, List<Snapshot.Change>)>)[];
        public void AddChangedYear(EnterpriseYear y, List<Snapshot.Change> changes) => (_changedYears ??= []).Add((y, changes));
        public int UnchangedYears { get; set; }

        public T? Get<T>(ImportField f) where T : struct => Master[(int)f] is T v ? v : null;
        public string? Text(ImportField f) => Master[(int)f] as string;
    }

    /// <summary>State of one import: the header's columns, the rows and the progress callback.</summary>
    private sealed class Run(ImportRequest request, Action<ImportProgress>? progress, DateTime now)
    {
        public ImportRequest Request { get; } = request;
        public DateTime Now { get; } = now;
        /// <summary>The zone office's date at <see cref="Now"/>, for the rules on dates.</summary>
        public DateOnly Today { get; } = DateOnly.FromDateTime(now + LocalDate.ChinaOffset);
        public List<Row> Rows { get; } = [];
        public List<Group> Groups { get; set; } = [];
        /// <summary>PostgreSQL: the transaction and COPY of new enterprises begun while validating.</summary>
        public EarlyCopy? Early { get; set; }
        /// <summary>Findings about the file (row 0) and its header (row 1).</summary>
        private readonly Row _file = new(0);
        private Row _header = new(1);
        /// <summary>The header text the user wrote for each field, null when the column is absent.</summary>
        private readonly string?[] _headers = new string?[ImportColumns.Count];

        public bool AllOk => StructureOk && Rows.All(r => r.Ok);

        /// <summary>The file could be read and its header is usable (row errors aside).</summary>
        public bool StructureOk => _file.Ok && _header.Ok;

        public bool HasColumn(ImportField f) => _headers[(int)f] is not null;

        /// <summary>The column as the user wrote it, or its Chinese header when the file has no such column.</summary>
        public string Column(ImportField f) => _headers[(int)f] ?? ImportColumns.Of(f).Header;

        /// <summary>A rule's finding with the rule's field name replaced by the user's column.</summary>
        public FieldError Map(FieldError e) => ImportColumns.ByRule(e.Field) is { } c ? e with { Field = Column(c.Field) } : e;

        /// <summary>Adds a rule's finding to a row, unless the row already has an error in that column (a cell that did not parse).</summary>
        public void AddRuleError(Row row, FieldError e)
        {
            var mapped = Map(e);
            if (row.Errors.All(x => x.Field != mapped.Field)) row.Errors.Add(mapped);
        }

        public void Report(ImportStage stage, long done, long total) => progress?.Invoke(new ImportProgress(stage, done, total));

        public void RequireColumn(ImportField f)
        {
            if (HasColumn(f)) return;
            var h = ImportColumns.Of(f).Header;
            _header.Errors.Add(h, "missing-column", $"缺少“{h}”列", $"The '{h}' column is missing");
        }

        /// <summary>Reads and parses every row; false when the file cannot be read at all.</summary>
        public bool Read(Stream s, CancellationToken ct)
        {
            if (SheetReader.FormatOf(Request.FileName) is not { } format)
            {
                _file.Errors.Add("", "file-type", "只能导入 .xlsx 或 .csv 文件", "Only .xlsx and .csv files can be imported");
                return false;
            }
            if (!SheetReader.LooksLike(s, format))
            {
                _file.Errors.Add("", "file-content", $"文件内容不是有效的{(format == SheetFormat.Xlsx ? "XLSX" : "CSV")}文件",
                    $"The content is not a valid {(format == SheetFormat.Xlsx ? "XLSX" : "CSV")} file");
                return false;
            }
            var length = s.Length;
            using var it = SheetReader.Rows(s, format).GetEnumerator();
            int[] fieldAt = [];
            var sawHeader = false;
            while (true)
            {
                SheetRow sheetRow;
                try
                {
                    if (!it.MoveNext()) break;
                    sheetRow = it.Current;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // whatever a damaged zip or XML makes the reader throw
                    _file.Errors.Add("", "unreadable", "文件无法读取（已损坏或不是Excel/CSV文件）", "The file cannot be read (damaged, or not an Excel/CSV file)");
                    return false;
                }
                if (sheetRow.IsBlank) continue;
                if (!sawHeader)
                {
                    sawHeader = true;
                    fieldAt = ReadHeader(sheetRow);
                    if (!_header.Ok) return false;
                    continue;
                }
                ParseRow(sheetRow, fieldAt);
                if (Rows.Count % ProgressEvery == 0)
                {
                    ct.ThrowIfCancellationRequested();
                    Report(ImportStage.Reading, s.Position, length);
                }
            }
            if (!sawHeader)
            {
                _file.Errors.Add("", "empty", "文件为空", "The file is empty");
                return false;
            }
            Report(ImportStage.Reading, length, length);
            return true;
        }

        private int[] ReadHeader(SheetRow row)
        {
            _header = new Row(row.Number);
            var fieldAt = new int[row.Cells.Length];
            for (var i = 0; i < row.Cells.Length; i++)
            {
                fieldAt[i] = -1;
                var text = ImportCells.Text(row.Cells[i]);
                if (text.Length == 0) continue;
                if (ImportColumns.Match(text) is not { } col)
                {
                    _header.Warn(new FieldError(text, "unknown-column", $"未识别的列“{text}”，已忽略", $"Unknown column '{text}' was ignored"));
                    continue;
                }
                if (_headers[(int)col.Field] is { } first)
                {
                    var (at, firstAt) = (Letter(i), Letter(Array.IndexOf(fieldAt, (int)col.Field)));
                    _header.Errors.Add(text, "duplicate-column", $"第 {at} 列“{text}”与第 {firstAt} 列“{first}”是同一列，只能保留一列",
                        $"Column {at} '{text}' and column {firstAt} '{first}' are the same column; keep one");
                    continue;
                }
                _headers[(int)col.Field] = text;
                fieldAt[i] = (int)col.Field;
            }
            RequireColumn(ImportField.CreditCode);
            return fieldAt;
        }

        /// <summary>A column as a spreadsheet names it: A … Z, AA, AB ….</summary>
        private static string Letter(int index)
        {
            var name = "";
            for (var n = index + 1; n > 0; n = (n - 1) / 26) name = (char)('A' + (n - 1) % 26) + name;
            return name;
        }

        private void ParseRow(SheetRow sheetRow, int[] fieldAt)
        {
            var row = new Row(sheetRow.Number);
            for (var i = 0; i < fieldAt.Length && i < sheetRow.Cells.Length; i++)
            {
                if (fieldAt[i] < 0) continue;
                row.V[fieldAt[i]] = ImportCells.Parse(sheetRow.Cells[i], ImportColumns.Of((ImportField)fieldAt[i]), _headers[fieldAt[i]]!, row.Errors);
            }
            row.RawCode = row.V[(int)ImportField.CreditCode] as string;
            var cc = CreditCode.Validate(row.RawCode, Column(ImportField.CreditCode));
            if (cc.Ok) row.Code = cc.Code;
            else row.Errors.AddRange(cc.Errors);
            Rows.Add(row);
        }

        public ImportTotals Totals()
        {
            var valid = Groups.Where(g => g.Target is not null).ToList();
            return new ImportTotals(Rows.Count,
                valid.Count(g => g.Existing is null), valid.Count(g => g.Existing is not null && g.Changes.Count > 0),
                valid.Count(g => g.Existing is not null && g.Changes.Count == 0),
                valid.Sum(g => g.NewYears.Count), valid.Sum(g => g.ChangedYears.Count), valid.Sum(g => g.UnchangedYears));
        }

        public ImportResult Result(ImportTotals? totals)
        {
            var rows = new List<ImportRowResult>(Rows.Count + 2);
            foreach (var r in new[] { _file, _header }.Where(r => r.Errors.Count + r.Warnings.Count > 0))
                rows.Add(new ImportRowResult(r.Number, null, null, r.Errors, r.Warnings));
            rows.AddRange(Rows.Select(r => new ImportRowResult(r.Number, r.Code.Length > 0 ? r.Code : r.RawCode, r.Ok ? r.Size : null, r.Errors, r.Warnings)));
            return new ImportResult(Request.FileName, Request.DryRun, rows, totals);
        }
    }
}

/// <summary>The compared values of an entity before a change, and what changed since (for "unchanged" and the audit).</summary>
internal sealed class Snapshot
{
    public sealed record Change(string Field, string? Old, string? New);

    private readonly object?[] _values;

    private Snapshot(object?[] values) => _values = values;

    public static Snapshot Of<T>(RongtongDb db, T row) where T : class =>
        new(TableMap<T>.For(db).Columns.Select(c => c.Value(row)).ToArray());

    public List<Change> Diff<T>(RongtongDb db, T row) where T : class
    {
        var cols = TableMap<T>.For(db).Columns;
        var changes = new List<Change>();
        for (var i = 0; i < cols.Length; i++)
        {
            if (NotCompared(cols[i].Property)) continue;
            var now = cols[i].Value(row);
            if (!Equals(_values[i], now)) changes.Add(new Change(cols[i].Property, Format(_values[i]), Format(now)));
        }
        return changes;
    }

    private static bool NotCompared(string property) => property == "FiledBy" || AuditCollector.Ignored.Contains(property);

    public static string? Format(object? v) => AuditCollector.Format(v);
}
