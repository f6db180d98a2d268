using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CleanChat.Infrastructure.Persistence.Postgres;

/// <summary>
/// Lets <c>dotnet ef migrations add … --context PostgresChatDbContext</c> build the PostgreSQL model
/// without a server (adding a migration never connects).
/// </summary>
internal sealed class PostgresDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgresChatDbContext>
{
    public PostgresChatDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresChatDbContext>().UseNpgsql("Host=localhost;Database=design_time").Options);
}
