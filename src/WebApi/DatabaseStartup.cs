using CleanChat.Infrastructure.Persistence;

namespace CleanChat.WebApi;

internal static class DatabaseStartup
{
    /// <summary>Migrates the database, and in Development fills an empty one with the guides' demo accounts.</summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app, bool seedDevelopmentData = true)
    {
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>()
            .InitializeAsync(seedDevelopmentData && app.Environment.IsDevelopment(), CancellationToken.None);
    }
}
