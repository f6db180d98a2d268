using CleanChat.Infrastructure.Persistence;
using CleanChat.WebApi.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanChat.WebApi.FunctionalTests;

/// <summary>
/// The shipped migrations are the schema: a model change without its migration would make start-up's
/// Migrate() refuse to run (EF Core 9 and later), so it must fail here first.
/// </summary>
public class MigrationTests : IClassFixture<CleanChatApiFactory>
{
    private readonly CleanChatApiFactory _factory;

    public MigrationTests(CleanChatApiFactory factory) => _factory = factory;

    [Fact]
    public async Task The_model_has_no_changes_that_a_migration_does_not_carry()
    {
        var pending = await _factory.WithDbAsync((db, _) => Task.FromResult(db.Database.HasPendingModelChanges()));

        pending.ShouldBeFalse("run `dotnet ef migrations add <Name> --project src/Infrastructure --startup-project src/WebApi`");
    }

    [Fact]
    public async Task Every_migration_is_applied_at_start_up()
    {
        var (applied, known) = await _factory.WithDbAsync(async (db, _) =>
            ((await db.Database.GetAppliedMigrationsAsync()).ToList(), db.Database.GetMigrations().ToList()));

        known.ShouldNotBeEmpty();
        applied.ShouldBe(known);
    }
}
