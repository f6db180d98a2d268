using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CleanChat.Infrastructure.Persistence;

/// <summary>Healthy when the database answers a query, not merely when the file exists.</summary>
public sealed class DatabaseHealthCheck : IHealthCheck
{
    private readonly ChatDbContext _db;

    public DatabaseHealthCheck(ChatDbContext db) => _db = db;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await _db.Salons.AsNoTracking().AnyAsync(cancellationToken);
            return HealthCheckResult.Healthy("Database reachable.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("Database unreachable.", ex);
        }
    }
}
