using Microsoft.Data.Sqlite;
using Npgsql;

namespace CleanChat.Infrastructure.Persistence;

/// <summary>What a provider's exception means, where the service reacts to the meaning.</summary>
internal static class DatabaseErrors
{
    private const int SqliteConstraint = 19;

    /// <summary>A unique index refused the row: two requests raced past the same check and the database kept one.</summary>
    public static bool IsUniqueViolation(Exception? exception) => exception switch
    {
        SqliteException { SqliteErrorCode: SqliteConstraint } sqlite => sqlite.Message.Contains("UNIQUE", StringComparison.Ordinal),
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } => true,
        _ => false,
    };

    /// <summary>Two nodes' transactions waited on each other and PostgreSQL cancelled one; trying again succeeds.</summary>
    public static bool IsDeadlockOrSerialization(Exception? exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure };
}
