using Rongtong.Web.Platform.I18n;

namespace Rongtong.Web.Platform.Errors;

/// <summary>
/// One validation finding: which field, which rule, and a message in both languages.
/// The same object becomes a ProblemDetails entry in the API and a form message on a page.
/// </summary>
public sealed record FieldError(string Field, string Rule, string MessageZh, string MessageEn)
{
    public string Message => Loc.IsEnglish ? MessageEn : MessageZh;
}

/// <summary>A list of findings collected by a handler; empty means valid.</summary>
public sealed class Errors : List<FieldError>
{
    public bool Ok => Count == 0;
    public void Add(string field, string rule, string zh, string en) => Add(new FieldError(field, rule, zh, en));
}

/// <summary>Thrown by handlers when input is invalid; nothing has been written when it escapes.</summary>
public sealed class ValidationFailedException(IReadOnlyList<FieldError> errors)
    : Exception(string.Join("; ", errors.Select(e => $"{e.Field}: {e.MessageEn}")))
{
    public IReadOnlyList<FieldError> Errors { get; } = errors;
}

/// <summary>Thrown when the addressed record does not exist or is outside the caller's scope (both render as 404).</summary>
public sealed class NotFoundException(string what) : Exception($"{what} not found");

/// <summary>
/// Thrown on a conflicting concurrent change or a uniqueness clash (409), or when the database was too busy to take
/// the write (503, from <see cref="Data.DbErrors"/>).
/// </summary>
public sealed class ConflictException(string zh, string en, int status = StatusCodes.Status409Conflict) : Exception(en)
{
    public string MessageZh { get; } = zh;
    public string MessageEn { get; } = en;
    public int Status { get; } = status;
}
