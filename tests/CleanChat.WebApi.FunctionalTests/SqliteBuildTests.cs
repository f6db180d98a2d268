using Microsoft.Data.Sqlite;

namespace CleanChat.WebApi.FunctionalTests;

/// <summary>
/// What ADR 0010 relies on in the bundled SQLite. The old bundle (3.35.5, no usleep) slept whole seconds
/// in its busy and WAL-retry handlers, which forced the cap of two connections; these checks keep the
/// current decisions honest if the bundle ever changes. The wait below is a property of the build (1 s
/// against a few ms), not a performance figure, so its bound is loose.
/// </summary>
public class SqliteBuildTests
{
    [Fact]
    public async Task A_writer_kept_waiting_by_a_lock_gets_it_within_milliseconds_of_its_release()
    {
        var file = Path.Combine(Path.GetTempPath(), $"cleanchat-busy-{Guid.NewGuid():N}.db");
        try
        {
            await using var holder = Open(file);
            await using var waiter = Open(file);
            Execute(holder, "PRAGMA journal_mode=WAL; CREATE TABLE t (x INTEGER); BEGIN IMMEDIATE; INSERT INTO t VALUES (1);");

            // The holder commits a moment after the waiter starts waiting in SQLite's busy handler. A build
            // without usleep sleeps a whole second before its first retry; one with it retries after 1, 2, 5,
            // 10... ms. Measured from the commit, so a late-starting helper thread cannot fail the check.
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var release = Task.Run(async () =>
            {
                await Task.Delay(20);
                Execute(holder, "COMMIT;");
                return clock.Elapsed;
            });
            Execute(waiter, "PRAGMA busy_timeout = 5000; INSERT INTO t VALUES (2);");
            var acquired = clock.Elapsed;
            var committed = await release;

            (acquired - committed).ShouldBeLessThan(TimeSpan.FromMilliseconds(500), "the busy handler slept whole seconds");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
                File.Delete(path);
        }
    }

    private static SqliteConnection Open(string file)
    {
        var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Fact]
    public void The_bundled_SQLite_is_at_least_3_53()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sqlite_version()";

        var version = Version.Parse((string)command.ExecuteScalar()!);

        version.ShouldBeGreaterThanOrEqualTo(new Version(3, 53));
    }
}
