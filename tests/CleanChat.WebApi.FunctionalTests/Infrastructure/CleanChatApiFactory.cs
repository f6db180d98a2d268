using CleanChat.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CleanChat.WebApi.FunctionalTests.Infrastructure;

/// <summary>
/// The real service over real HTTP (in-process), on a SQLite file of its own migrated by the service
/// itself at start-up, with a clock the tests control.
/// </summary>
public class CleanChatApiFactory : WebApplicationFactory<Program>
{
    // 64 bytes: long enough for HS512, so the hardening tests can forge HS384/HS512 tokens under it
    // and prove they are refused for their algorithm, not because the key was too short to sign them.
    public const string SigningKey = "functional-tests-signing-key-0123456789abcdef-0123456789abcdefgh";

    private readonly string _databasePath;

    public CleanChatApiFactory()
        : this(Path.Combine(Path.GetTempPath(), $"cleanchat-test-{Guid.NewGuid():N}.db"))
    {
    }

    // Not public: xunit class fixtures must have a single public constructor.
    protected CleanChatApiFactory(string databasePath) => _databasePath = databasePath;

    /// <summary>Hosts the service on a given database file (one another process may have written).</summary>
    public static CleanChatApiFactory OnDatabase(string databasePath) => new(databasePath);

    /// <summary>The service's clock: starts at the real time and moves only when a test moves it (timers included).</summary>
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public SqlCommandCounter Sql { get; } = new();

    public string DatabasePath => _databasePath;

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
        builder.UseSetting("ConnectionStrings:CleanChat", $"Data Source={_databasePath}");
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
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
                File.Delete(_databasePath + suffix);
            if (Directory.Exists(UploadsPath))
                Directory.Delete(UploadsPath, recursive: true);
        }
    }
}
