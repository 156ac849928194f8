using Microsoft.Data.Sqlite;
using Npgsql;
using Rongtong.Web.Platform.Errors;

namespace Rongtong.Web.Platform.Data;

/// <summary>
/// The database's refusals that come from other users working at the same moment — a uniqueness clash between two
/// inserts, a row changed or deleted meanwhile (a concurrency token), a deadlock or serialization failure
/// (PostgreSQL), a write lock held too long (SQLite busy) — as a message
/// the user can act on. Each one rolled back the whole transaction, so the message can say that nothing was saved.
/// Handlers refuse the races they expect with their own words; this is the net under the ones they do not.
/// </summary>
public static class DbErrors
{
    /// <summary>Why another user's work refused this one, or null when the exception is something else.</summary>
    public static ConflictException? AsConflict(Exception ex)
    {
        if (IsUniqueViolation(ex)) return Same();
        // an update or delete that found its row changed or gone (a concurrency token, a row deleted meanwhile)
        if (ex is Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException) return Clash();
        if (Find<PostgresException>(ex) is { } pg)
            return pg.SqlState switch
            {
                PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.LockNotAvailable => Clash(),
                _ => null,
            };
        if (Find<SqliteException>(ex) is { } lite)
            return lite.SqliteErrorCode switch
            {
                // SQLITE_BUSY, SQLITE_LOCKED: another connection held the write lock beyond the busy timeout
                5 or 6 => new ConflictException("数据库正忙（另一项写入仍在进行），本次未保存任何内容，请稍后重试。",
                    "The database is busy with another write; nothing was saved. Try again in a moment.", StatusCodes.Status503ServiceUnavailable),
                _ => null,
            };
        return null;
    }

    /// <summary>An insert or update refused by a unique index (on SQLite also a primary key).</summary>
    public static bool IsUniqueViolation(Exception ex) =>
        Find<PostgresException>(ex) is { SqlState: PostgresErrorCodes.UniqueViolation }
        // SQLITE_CONSTRAINT with SQLITE_CONSTRAINT_UNIQUE or SQLITE_CONSTRAINT_PRIMARYKEY
        || Find<SqliteException>(ex) is { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 };

    private static ConflictException Same() => new("刚有其他用户同时保存了相同的记录，本次未保存任何内容。请刷新后查看，需要时再试一次。",
        "Someone else saved the same record at the same moment; nothing of yours was saved. Reload to see it, and try again if needed.");

    private static ConflictException Clash() => new("与其他用户的同时操作发生冲突，本次未保存任何内容，请重试。",
        "This collided with another user's change at the same moment; nothing was saved. Try again.");

    private static T? Find<T>(Exception? ex) where T : Exception
    {
        for (; ex is not null; ex = ex.InnerException)
            if (ex is T t) return t;
        return null;
    }
}
