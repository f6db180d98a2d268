using CleanChat.Infrastructure.Persistence;

namespace CleanChat.WebApi.FunctionalTests.Infrastructure;

/// <summary>
/// The database one test host runs on, created empty for it (the service migrates it at start-up) and
/// removed with it: a SQLite file in this project's run, a PostgreSQL database of the shared test server
/// in the PostgreSQL run of the same tests (<c>CleanChat.WebApi.PostgresTests</c>, built with <c>POSTGRES</c>).
/// </summary>
public abstract class TestDatabase : IDisposable
{
    public abstract DatabaseProvider Provider { get; }

    public abstract string ConnectionString { get; }

    /// <summary>The suite's provider: what every host of this test run uses unless a test says otherwise.</summary>
    public static DatabaseProvider SuiteProvider =>
#if POSTGRES
        DatabaseProvider.Postgres;
#else
        DatabaseProvider.Sqlite;
#endif

    /// <summary>An empty database of the suite's provider.</summary>
    public static TestDatabase Create() =>
        SuiteProvider == DatabaseProvider.Postgres ? PostgresTestServer.CreateDatabase() : SqliteFile(Path.Combine(Path.GetTempPath(), $"cleanchat-test-{Guid.NewGuid():N}.db"));

    /// <summary>A SQLite file at <paramref name="path"/> (one another process may write too).</summary>
    public static SqliteTestDatabase SqliteFile(string path) => new(path);

    public abstract void Dispose();
}

public sealed class SqliteTestDatabase(string path) : TestDatabase
{
    public string Path { get; } = path;

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override string ConnectionString => $"Data Source={Path}";

    public override void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
            File.Delete(Path + suffix);
    }
}
