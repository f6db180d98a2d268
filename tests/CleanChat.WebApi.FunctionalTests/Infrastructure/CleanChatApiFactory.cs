using CleanChat.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CleanChat.WebApi.FunctionalTests.Infrastructure;

/// <summary>
/// The real service over real HTTP (in-process), on a database of its own (a SQLite file, or a PostgreSQL
/// database in the PostgreSQL run of the suite) migrated by the service itself at start-up, with a clock
/// the tests control.
/// </summary>
public class CleanChatApiFactory : WebApplicationFactory<Program>
{
    // 64 bytes: long enough for HS512, so the hardening tests can forge HS384/HS512 tokens under it
    // and prove they are refused for their algorithm, not because the key was too short to sign them.
    public const string SigningKey = "functional-tests-signing-key-0123456789abcdef-0123456789abcdefgh";

    private readonly TestDatabase _database;

    public CleanChatApiFactory()
        : this(TestDatabase.Create())
    {
    }

    // Not public: xunit class fixtures must have a single public constructor.
    protected CleanChatApiFactory(TestDatabase database) => _database = database;

    /// <summary>Hosts the service on a given SQLite file (one another process may have written).</summary>
    public static CleanChatApiFactory OnDatabase(string databasePath) => new(TestDatabase.SqliteFile(databasePath));

    /// <summary>Hosts the service on a given database (one another process may have written).</summary>
    public static CleanChatApiFactory OnDatabase(TestDatabase database) => new(database);

    public TestDatabase Database => _database;

    /// <summary>The service's clock: starts at the real time and moves only when a test moves it (timers included).</summary>
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public SqlCommandCounter Sql { get; } = new();

    /// <summary>The SQLite file, for tests that read it directly (query plans, the file's own settings).</summary>
    public string DatabasePath => (_database as SqliteTestDatabase)?.Path
        ?? throw new InvalidOperationException("This host runs on PostgreSQL, not on a SQLite file.");

    /// <summary>Where this instance stores uploads: a directory of its own, removed with it.</summary>
    public virtual string UploadsPath { get; } = Path.Combine(Path.GetTempPath(), $"cleanchat-uploads-{Guid.NewGuid():N}");

    /// <summary>False for a host that is restarted on the same files; their owner removes them.</summary>
    protected virtual bool DeletesFilesOnDispose => true;

    protected virtual string Environment => "Testing";

    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Jwt:SigningKey"] = SigningKey,
        ["LoginRateLimit:PerAccountPermits"] = "1000",
        ["LoginRateLimit:PerAddressPermits"] = "1000",
        ["Uploads:RootPath"] = UploadsPath,
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseSetting("Database:Provider", _database.Provider.ToString());
        builder.UseSetting("ConnectionStrings:CleanChat", _database.ConnectionString);
        foreach (var (key, value) in Settings)
            builder.UseSetting(key, value);

        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            services.AddSingleton<IInterceptor>(Sql);
        });
    }

    /// <summary>Runs work against the service's own database context (to arrange data the API has no endpoint for).</summary>
    public async Task<T> WithDbAsync<T>(Func<ChatDbContext, IServiceProvider, Task<T>> work)
    {
        using var scope = Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<ChatDbContext>(), scope.ServiceProvider);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && DeletesFilesOnDispose)
        {
            _database.Dispose();
            if (Directory.Exists(UploadsPath))
                Directory.Delete(UploadsPath, recursive: true);
        }
    }
}
