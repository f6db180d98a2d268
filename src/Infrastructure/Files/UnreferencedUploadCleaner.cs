using CleanChat.Application.Uploads;
using CleanChat.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanChat.Infrastructure.Files;

/// <summary>
/// Deletes uploads that no message carries once they are older than <c>Uploads:UnreferencedRetentionHours</c>:
/// files uploaded and never sent (an abandoned draft, a client that crashed) would otherwise fill the disk.
/// Runs a minute after start-up and then hourly, in bounded rounds.
/// </summary>
public sealed class UnreferencedUploadCleaner : BackgroundService
{
    private const int PerRound = 200;
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    // Not at the very start: start-up is busy enough, and a backlog can wait a minute.
    private static readonly TimeSpan FirstRunDelay = TimeSpan.FromMinutes(1);

    private readonly IServiceScopeFactory _scopes;
    private readonly LocalFileStore _files;
    private readonly WriteGate _writeGate;
    private readonly TimeProvider _time;
    private readonly UploadOptions _options;
    private readonly ILogger<UnreferencedUploadCleaner> _logger;

    internal UnreferencedUploadCleaner(IServiceScopeFactory scopes, LocalFileStore files, WriteGate writeGate, TimeProvider time,
        IOptions<UploadOptions> options, ILogger<UnreferencedUploadCleaner> logger)
    {
        _scopes = scopes;
        _files = files;
        _writeGate = writeGate;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>One pass; returns how many uploads were removed.</summary>
    public async Task<int> CleanAsync(CancellationToken cancellationToken)
    {
        var cutoff = _time.GetUtcNow().UtcDateTime - TimeSpan.FromHours(_options.UnreferencedRetentionHours);
        var removed = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            await using var scope = _scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
            var attachedUrls = db.ChatMessages.SelectMany(m => m.Attachments).Select(a => a.FileUrl);
            var stale = await db.UploadedFiles
                .Where(f => f.CreatedAt < cutoff && !attachedUrls.Contains(UploadedFileDto.UrlPrefix + f.StoredName))
                .OrderBy(f => f.CreatedAt)
                .Take(PerRound)
                .ToListAsync(cancellationToken);
            if (stale.Count == 0)
                break;

            db.UploadedFiles.RemoveRange(stale);
            using (await _writeGate.EnterAsync(cancellationToken))
                await db.SaveChangesAsync(cancellationToken);

            // Rows first, files second: a crash in between leaves a stray file, never a row without its file.
            foreach (var file in stale)
            {
                _files.Delete(file.StoredName);
                if (file.ThumbnailName is { } thumbnail)
                    _files.Delete(thumbnail);
            }

            removed += stale.Count;
        }

        if (removed > 0)
            _logger.LogInformation("Removed {Count} uploads no message used within {Hours} h", removed, _options.UnreferencedRetentionHours);
        return removed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(FirstRunDelay, _time, stoppingToken);
            using var timer = new PeriodicTimer(Interval, _time);
            do
            {
                try
                {
                    await CleanAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    _logger.LogError(ex, "Cleaning up unused uploads failed; trying again in {Interval}", Interval);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping (also when the host fails to start, before the first round): nothing to report.
        }
    }
}
