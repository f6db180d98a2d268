using System.Diagnostics;
using CleanChat.Infrastructure.Persistence;
using Npgsql;

namespace CleanChat.WebApi.FunctionalTests.Infrastructure;

/// <summary>
/// The PostgreSQL server the tests create their databases on: the one <c>CLEANCHAT_TEST_POSTGRES</c>
/// names (a connection string of a role allowed to create databases; <c>.ci/run</c> sets it), or else a
/// throw-away cluster started for this test run by <c>tools/test-postgres.sh</c> and stopped when it ends.
/// </summary>
public static class PostgresTestServer
{
    public const string EnvironmentVariable = "CLEANCHAT_TEST_POSTGRES";

    private static readonly Lazy<string> Admin = new(Connect);

    /// <summary>The server's connection string, to its <c>postgres</c> database.</summary>
    public static string AdminConnectionString => Admin.Value;

    public static PostgresTestDatabase CreateDatabase()
    {
        var name = $"cleanchat_test_{Guid.NewGuid():N}";
        using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            create.ExecuteNonQuery();
        }

        return new PostgresTestDatabase(name, new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString);
    }

    private static string Connect()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
            return configured;

        var script = FindScript();
        var started = Run(script, "start");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Run(script, "stop");
        return started;
    }

    private static string Run(string script, string verb)
    {
        var start = new ProcessStartInfo("bash", [script, verb]) { RedirectStandardOutput = true, RedirectStandardError = true };
        // A cluster of this test run's own, beside any other run's or the developer's.
        start.Environment["CLEANCHAT_PG_DIR"] = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"cleanchat-pg-{Environment.ProcessId}");
        start.Environment["CLEANCHAT_PG_PORT"] = (56000 + Environment.ProcessId % 4000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0
            ? output.Trim()
            : throw new InvalidOperationException($"tools/test-postgres.sh {verb} failed ({process.ExitCode}): {errors} Install PostgreSQL (apt-get install postgresql) or set {EnvironmentVariable}.");
    }

    private static string FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "tools", "test-postgres.sh");
            if (File.Exists(candidate))
                return candidate;
        }

        throw new InvalidOperationException($"tools/test-postgres.sh not found above {AppContext.BaseDirectory}; set {EnvironmentVariable}.");
    }
}

public sealed class PostgresTestDatabase(string name, string connectionString) : TestDatabase
{
    public string Name { get; } = name;

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override string ConnectionString { get; } = connectionString;

    public override void Dispose()
    {
        using var connection = new NpgsqlConnection(PostgresTestServer.AdminConnectionString);
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
        drop.ExecuteNonQuery();
    }
}
