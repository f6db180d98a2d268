using CleanChat.Application.Common.Interfaces;
using CleanChat.Infrastructure.Persistence.Events;
using CleanChat.Infrastructure.Persistence.Messages;
using CleanChat.Infrastructure.Persistence.Postgres;
using CleanChat.Infrastructure.Persistence.Sqlite;
using CleanChat.Infrastructure.Realtime.Cluster;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CleanChat.Infrastructure.Persistence;

/// <summary>
/// The one place that knows which database the service runs on (<c>Database:Provider</c>): the EF Core
/// context and its provider, the message writer's SQL, the search index, and how committed events reach
/// the sockets (this process's lanes on SQLite; the nodes' bus on PostgreSQL, ADR 0016). Everything else
/// is the same on both.
/// </summary>
internal static class StorageRegistration
{
    public const string DefaultSqliteConnectionString = "Data Source=cleanchat.db";

    public static IServiceCollection AddChatStorage(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        // The only setting read while registering: it decides which services exist. The rest is read when used.
        var provider = DatabaseOptions.ProviderFrom(configuration);
        return provider switch
        {
            DatabaseProvider.Sqlite => services.AddSqliteStorage(environment),
            DatabaseProvider.Postgres => services.AddPostgresStorage(),
            _ => throw new InvalidOperationException($"No storage for database provider {provider}."),
        };
    }

    private static IServiceCollection AddSqliteStorage(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddSingleton(sp => new SqlitePragmaInterceptor(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value));
        services.AddSingleton(sp => new ConnectionLimitInterceptor(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.MaxOpenConnections));

        // Pooled, with options built once: a WebSocket frame runs in a scope of its own, and building
        // options and a fresh context per frame showed up in profiles of the send path. Any IInterceptor
        // registered in the container is added too (query diagnostics, tests counting SQL).
        services.AddDbContextPool<ChatDbContext>((sp, options) => options
            .UseSqlite(SqliteConnectionString(sp, environment))
            .AddInterceptors(sp.GetRequiredService<ConnectionLimitInterceptor>(), sp.GetRequiredService<SqlitePragmaInterceptor>())
            .AddInterceptors(sp.GetServices<IInterceptor>()));
        services.AddSingleton<IMessageBatchWriter>(sp =>
            SqliteMessageSql.Create(SqliteConnectionString(sp, environment), sp.GetRequiredService<IOptions<DatabaseOptions>>().Value));
        services.AddScoped<IMessageSearch, SqliteMessageSearch>();
        services.AddSingleton<IEventRoute, LocalEventRoute>();
        services.AddSingleton<INotificationRelay, NoRelay>();
        return services;
    }

    private static IServiceCollection AddPostgresStorage(this IServiceCollection services)
    {
        services.AddSingleton(sp => new NpgsqlDataSourceBuilder(PostgresConnectionString(sp)).Build());
        services.AddDbContextPool<ChatDbContext, PostgresChatDbContext>((sp, options) => options
            .UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>())
            .AddInterceptors(sp.GetServices<IInterceptor>()));
        services.AddSingleton<IMessageBatchWriter>(sp => new PostgresMessageBatchWriter(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<ClusterBus>()));
        services.AddScoped<IMessageSearch, PostgresMessageSearch>();
        services.AddSingleton<ClusterBus>();
        services.AddSingleton<RecentCommits>();
        services.AddSingleton<IEventRoute, ClusterEventRoute>();
        services.AddSingleton<INotificationRelay, ClusterNotificationRelay>();
        services.AddSingleton<ClusterListener>();
        services.AddSingleton<ClusterPresence>();
        services.AddSingleton<IPresenceTracker>(sp => sp.GetRequiredService<ClusterPresence>());
        return services;
    }

    private static string SqliteConnectionString(IServiceProvider services, IHostEnvironment environment) =>
        ResolveSqliteConnectionString(services.GetRequiredService<IConfiguration>().GetConnectionString("CleanChat"), environment.ContentRootPath);

    private static string PostgresConnectionString(IServiceProvider services)
    {
        var configured = services.GetRequiredService<IConfiguration>().GetConnectionString("CleanChat");
        return string.IsNullOrWhiteSpace(configured)
            ? throw new InvalidOperationException("Database:Provider is Postgres: set ConnectionStrings:CleanChat to the database's connection string (Host=…;Database=…;Username=…;Password=…).")
            : configured;
    }

    /// <summary>A relative SQLite file name is placed under the content root, not wherever the process was started.</summary>
    internal static string ResolveSqliteConnectionString(string? configured, string contentRoot)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? DefaultSqliteConnectionString : configured);
        if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource) && builder.Mode != Microsoft.Data.Sqlite.SqliteOpenMode.Memory)
            builder.DataSource = Path.Combine(contentRoot, builder.DataSource);
        return builder.ToString();
    }
}
