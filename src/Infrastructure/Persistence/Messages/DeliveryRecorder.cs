using System.Collections.Concurrent;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Notifications;
using CleanChat.Application.Messages;
using CleanChat.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CleanChat.Infrastructure.Persistence.Messages;

/// <summary>
/// Keeps, per chat and participant, the furthest message that reached them, and every
/// <see cref="FlushInterval"/> writes those that moved in one transaction and announces them
/// (<c>delivery_receipt</c>). A frame handed to a socket costs a dictionary update, not a write: a busy
/// chat's deliveries of a quarter second become one row update per participant. Pointers only move
/// forward (the update's condition), so a late or repeated note changes nothing. Pending notes are
/// written on shutdown; a crash loses at most one interval of them, which the next delivery or read
/// moves past again.
/// </summary>
public sealed class DeliveryRecorder : BackgroundService, IDeliveryRecorder
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(250);

    private readonly IServiceScopeFactory _scopes;
    private readonly SqliteWriteGate _writeGate;
    private readonly TimeProvider _time;
    private readonly ILogger<DeliveryRecorder> _logger;
    private ConcurrentDictionary<(long ChatId, ParticipantRef Participant), long> _pending = new();

    public DeliveryRecorder(IServiceScopeFactory scopes, SqliteWriteGate writeGate, TimeProvider time, ILogger<DeliveryRecorder> logger)
    {
        _scopes = scopes;
        _writeGate = writeGate;
        _time = time;
        _logger = logger;
    }

    public void Delivered(long chatId, ParticipantRef participant, long upToMessageId) =>
        _pending.AddOrUpdate((chatId, participant), upToMessageId, (_, known) => Math.Max(known, upToMessageId));

    /// <summary>Writes and announces what has been noted so far; returns how many pointers moved.</summary>
    public async Task<int> FlushAsync(CancellationToken cancellationToken)
    {
        if (_pending.IsEmpty)
            return 0;

        var batch = Interlocked.Exchange(ref _pending, new ConcurrentDictionary<(long, ParticipantRef), long>());
        var now = _time.GetUtcNow().UtcDateTime;
        var moved = new List<DeliveryReceiptNotification>();

        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        using (await _writeGate.EnterAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var ((chatId, participant), upTo) in batch)
            {
                var rows = await db.ChatParticipants
                    .Where(p => p.ChatId == chatId && p.ParticipantType == participant.Type && p.ParticipantId == participant.Id
                        && p.IsActive && (p.LastDeliveredMessageId == null || p.LastDeliveredMessageId < upTo))
                    .ExecuteUpdateAsync(set => set
                        .SetProperty(p => p.LastDeliveredMessageId, upTo)
                        .SetProperty(p => p.LastDeliveredAt, now), cancellationToken);
                if (rows > 0)
                    moved.Add(new DeliveryReceiptNotification(chatId, upTo, participant, now));
            }

            await transaction.CommitAsync(cancellationToken);
        }

        var notifier = scope.ServiceProvider.GetRequiredService<IChatNotifier>();
        foreach (var receipt in moved)
            await notifier.NotifyAsync(receipt, cancellationToken);
        return moved.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Real time, not the injected clock: this is how often to write, not a business time.
        using var timer = new PeriodicTimer(FlushInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await FlushAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The notes of this batch are lost; the next delivery or read of the chat moves past them.
                    _logger.LogError(ex, "Writing delivery positions failed.");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await FlushAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Delivery positions noted just before shutdown were not written.");
        }
    }
}
