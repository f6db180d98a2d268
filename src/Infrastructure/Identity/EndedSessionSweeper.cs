using CleanChat.Application.Accounts;
using CleanChat.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanChat.Infrastructure.Identity;

/// <summary>
/// Deletes browser sessions that can never be used again (logged out, past their maximum age, or idle
/// past the timeout) and refresh tokens past their family's end: every login adds rows, and nothing else
/// would remove them. Hourly, in bounded rounds.
/// </summary>
public sealed class EndedSessionSweeper : BackgroundService
{
    private const int PerRound = 1000;
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);
    private static readonly TimeSpan FirstRunDelay = TimeSpan.FromMinutes(2);

    private readonly IServiceScopeFactory _scopes;
    private readonly WriteGate _writeGate;
    private readonly TimeProvider _time;
    private readonly SessionOptions _options;
    private readonly ILogger<EndedSessionSweeper> _logger;

    public EndedSessionSweeper(IServiceScopeFactory scopes, WriteGate writeGate, TimeProvider time, IOptions<SessionOptions> options, ILogger<EndedSessionSweeper> logger)
    {
        _scopes = scopes;
        _writeGate = writeGate;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>One pass; returns how many sessions and refresh tokens were deleted.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var idleSince = now - _options.IdleTimeout;
        var sessions = await DeleteInRoundsAsync(db => db.LoginSessions
            .Where(s => s.EndedAt != null || s.ExpiresAt <= now || s.LastSeenAt <= idleSince)
            .OrderBy(s => s.Id), cancellationToken);

        // Retired and revoked refresh tokens stay until their family's end: a retired one presented again
        // must still be recognised as a reuse. After that, every token of the family is useless.
        var refreshTokens = await DeleteInRoundsAsync(db => db.RefreshTokens.Where(t => t.ExpiresAt <= now).OrderBy(t => t.Id), cancellationToken);

        if (sessions + refreshTokens > 0)
            _logger.LogInformation("Deleted {Sessions} ended browser sessions and {RefreshTokens} expired refresh tokens", sessions, refreshTokens);
        return sessions + refreshTokens;
    }

    private async Task<int> DeleteInRoundsAsync<T>(Func<ChatDbContext, IQueryable<T>> ended, CancellationToken cancellationToken)
    {
        var removed = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            await using var scope = _scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
            int deleted;
            using (await _writeGate.EnterAsync(cancellationToken))
                deleted = await ended(db).Take(PerRound).ExecuteDeleteAsync(cancellationToken);

            removed += deleted;
            if (deleted < PerRound)
                break;
        }

        return removed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Delay(FirstRunDelay, _time, stoppingToken);
        using var timer = new PeriodicTimer(Interval, _time);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogError(ex, "Deleting ended sessions and refresh tokens failed; trying again in {Interval}", Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
