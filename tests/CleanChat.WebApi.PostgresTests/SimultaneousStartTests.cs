using CleanChat.WebApi.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CleanChat.WebApi.FunctionalTests;

/// <summary>
/// Nodes of one deployment may start at the same moment against an empty PostgreSQL database: the
/// schema is migrated once and the Development seed written once, whichever node gets there first.
/// </summary>
public class SimultaneousStartTests
{
    [Fact]
    public async Task Three_nodes_starting_together_on_an_empty_database_migrate_and_seed_it_once()
    {
        using var database = PostgresTestServer.CreateDatabase();
        var nodes = Enumerable.Range(0, 3).Select(_ => new DevelopmentNode(database)).ToList();
        try
        {
            // Each host migrates and seeds as it starts; start them all at once.
            await Task.WhenAll(nodes.Select(node => Task.Run(() => node.CreateClient())));

            var (salons, applied, known) = await nodes[0].WithDbAsync(async (db, _) => (
                await db.Salons.Select(s => s.Name).ToListAsync(),
                (await db.Database.GetAppliedMigrationsAsync()).ToList(),
                db.Database.GetMigrations().ToList()));
            salons.Order().ShouldBe(new[] { "Demo Salon", "Demo School", "Other Salon" });
            applied.ShouldBe(known);

            // Every node serves the one seeded database.
            foreach (var node in nodes)
            {
                var login = await node.CreateClient().PostJsonAsync("/api/v1/auth/login", new { username = "staff@salon.com", password = "password" });
                login.EnsureSuccessStatusCode();
            }
        }
        finally
        {
            foreach (var node in nodes)
                node.Dispose();
        }
    }

    /// <summary>A Development host on a database it does not own (the test removes it).</summary>
    private sealed class DevelopmentNode(TestDatabase database) : CleanChatApiFactory(database)
    {
        protected override string Environment => "Development";

        protected override bool DeletesFilesOnDispose => false;
    }
}
