using System.Collections.Concurrent;
using System.Text.Json;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Notifications;
using CleanChat.Application.Messages;
using CleanChat.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanChat.Infrastructure.Persistence.Messages;

/// <summary>
/// Keeps, per chat and participant, the furthest message that reached them, and every
/// <see cref="FlushInterval"/> writes those that moved in one statement and announces them
/// (<c>delivery_receipt</c>). A frame handed to a socket costs a dictionary update, not a write: a busy
/// chat's deliveries of a second become one row update per participant. Pointers only move forward (the
/// update's condition), so a late or repeated note changes nothing. Pending notes are written on
/// shutdown; a crash loses at most one interval of them, which the next delivery or read moves past.
/// </summary>
public sealed class DeliveryRecorder : BackgroundService, IDeliveryRecorder
{
    // Long enough that a busy chat costs one write and one receipt per participant per second; short
    // enough for a sender to see ✓✓ follow ✓ without waiting noticeably.
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);

    // One statement for the whole batch: the notes travel as a JSON array, the rows that moved come back.
    private const string SqliteMoveForwardSql = """
        UPDATE chat_participants
        SET last_delivered_message_id = note.up_to, last_delivered_at = @now
        FROM (SELECT value ->> 0 AS chat_id, value ->> 1 AS participant_type, value ->> 2 AS participant_id, value ->> 3 AS up_to
              FROM json_each(@notes)) AS note
        WHERE chat_participants.chat_id = note.chat_id
          AND chat_participants.participant_type = note.participant_type
          AND chat_participants.participant_id = note.participant_id
          AND chat_participants.is_active
          AND (chat_participants.last_delivered_message_id IS NULL OR chat_participants.last_delivered_message_id < note.up_to)
        RETURNING chat_participants.chat_id, chat_participants.participant_type, chat_participants.participant_id, chat_participants.last_delivered_message_id
        """;

    private const string PostgresMoveForwardSql = """
        UPDATE chat_participants AS p
        SET last_delivered_message_id = note.up_to, last_delivered_at = @now
        FROM (SELECT (value ->> 0)::bigint AS chat_id, value ->> 1 AS participant_type, (value ->> 2)::bigint AS participant_id, (value ->> 3)::bigint AS up_to
              FROM jsonb_array_elements(@notes::jsonb)) AS note
        WHERE p.chat_id = note.chat_id
          AND p.participant_type = note.participant_type
          AND p.participant_id = note.participant_id
          AND p.is_active
          AND (p.last_delivered_message_id IS NULL OR p.last_delivered_message_id < note.up_to)
        RETURNING p.chat_id, p.participant_type, p.participant_id, p.last_delivered_message_id
        """;

    private readonly IServiceScopeFactory _scopes;
    private readonly WriteGate _writeGate;
    private readonly TimeProvider _time;
    private readonly ILogger<DeliveryRecorder> _logger;
    private readonly string _moveForwardSql;
    private readonly Events.IEventRoute _route;
    private ConcurrentDictionary<(long ChatId, ParticipantRef Participant), long> _pending = new();

    public DeliveryRecorder(IServiceScopeFactory scopes, WriteGate writeGate, Events.IEventRoute route, TimeProvider time, IOptions<DatabaseOptions> options,
        ILogger<DeliveryRecorder> logger)
    {
        _route = route;
        _moveForwardSql = options.Value.Provider == DatabaseProvider.Postgres ? PostgresMoveForwardSql : SqliteMoveForwardSql;
        _scopes = scopes;
        _writeGate = writeGate;
        _time = time;
        _logger = logger;
    }

    public void Delivered(long chatId, ParticipantRef participant, long upToMessageId) =>
        _pending.AddOrUpdate((chatId, participant), static (_, upTo) => upTo, static (_, known, upTo) => Math.Max(known, upTo), upToMessageId);

    /// <summary>Writes and announces what has been noted so far; returns how many pointers moved.</summary>
    public async Task<int> FlushAsync(CancellationToken cancellationToken)
    {
        if (_pending.IsEmpty)
            return 0;

        var batch = Interlocked.Exchange(ref _pending, new ConcurrentDictionary<(long ChatId, ParticipantRef Participant), long>());
        try
        {
            return await WriteAndAnnounceAsync(batch, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Kept for the next flush: pointers only move forward, so writing them again later is harmless.
            foreach (var (key, upTo) in batch)
                Delivered(key.ChatId, key.Participant, upTo);
            throw;
        }
    }

    private async Task<int> WriteAndAnnounceAsync(ConcurrentDictionary<(long ChatId, ParticipantRef Participant), long> batch, CancellationToken cancellationToken)
    {
        var notes = JsonSerializer.Serialize(batch.Select(n => new object[] { n.Key.ChatId, n.Key.Participant.Type.ToString(), n.Key.Participant.Id, n.Value }));
        var now = _time.GetUtcNow().UtcDateTime;
        var moved = new List<DeliveryReceiptNotification>();

        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        using (await _writeGate.EnterAsync(cancellationToken))
        {
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                // With several nodes the receipts go out on the bus inside the same transaction, all at once.
                await using var transaction = _route.CarriedByCommit ? await connection.BeginTransactionAsync(cancellationToken) : null;
                await using (var command = connection.CreateCommand())
                {
                    command.Transaction = transaction;
                    command.CommandText = _moveForwardSql;
                    command.Parameters.Add(Parameter(command, "notes", notes));
                    command.Parameters.Add(Parameter(command, "now", now));
                    await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        var participant = new ParticipantRef(Enum.Parse<ParticipantType>(reader.GetString(1)), reader.GetInt64(2));
                        moved.Add(new DeliveryReceiptNotification(reader.GetInt64(0), reader.GetInt64(3), participant, now));
                    }
                }

                if (transaction is not null)
                {
                    await _route.CarryAsync(connection, moved, cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    return moved.Count;
                }
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }

        var notifier = scope.ServiceProvider.GetRequiredService<IChatNotifier>();
        foreach (var receipt in moved)
            await notifier.NotifyAsync(receipt, cancellationToken);
        return moved.Count;
    }

    private static System.Data.Common.DbParameter Parameter(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        return parameter;
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
                catch (Exception ex) when (DatabaseErrors.IsDeadlockOrSerialization(ex))
                {
                    // Another node moved some of the same pointers at the same moment; the next flush writes them.
                    _logger.LogInformation("Writing delivery positions met another node's write; retrying at the next flush.");
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    _logger.LogError(ex, "Writing delivery positions failed; retrying at the next flush.");
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
