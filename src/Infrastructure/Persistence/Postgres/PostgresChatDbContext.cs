using Microsoft.EntityFrameworkCore;

namespace CleanChat.Infrastructure.Persistence.Postgres;

/// <summary>
/// The chat model on PostgreSQL. A type of its own only because EF Core ties migrations to a context
/// type: PostgreSQL's are in <c>Postgres/Migrations/</c>, SQLite's stay with <see cref="ChatDbContext"/>.
/// Everything else uses it as a <see cref="ChatDbContext"/>.
/// </summary>
public sealed class PostgresChatDbContext : ChatDbContext
{
    public PostgresChatDbContext(DbContextOptions<PostgresChatDbContext> options) : base(options)
    {
    }
}
