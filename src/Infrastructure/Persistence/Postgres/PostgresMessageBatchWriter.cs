using CleanChat.Domain.Chats;
using CleanChat.Infrastructure.Persistence.Messages;
using CleanChat.Infrastructure.Realtime.Cluster;
using Npgsql;
using NpgsqlTypes;

namespace CleanChat.Infrastructure.Persistence.Postgres;

/// <summary>
/// A group commit on PostgreSQL, where several nodes write at once. One transaction per batch, in three
/// round trips whatever its size: the repeats of client message ids already stored, then the batch's chats
/// locked in id order (so two nodes' batches wait for each other instead of deadlocking) and their
/// <c>last_seq</c> moved on by the batch's count, then every message inserted by one statement over arrays.
/// Sequence numbers are taken under the chat's row lock, so they are gap-free and follow commit order across
/// nodes; the batch's files follow in one more statement when it has any. A repeat racing on another node meets the unique index: the batch fails whole and the writer
/// retries its messages one by one, when the repeat check finds the other node's copy. The new messages
/// are notified on the nodes' bus inside the same transaction.
/// </summary>
internal sealed class PostgresMessageBatchWriter : IMessageBatchWriter
{
    private const string FindRepeatsSql = """
        SELECT m.sender_type, m.sender_id, m.client_message_id, m.id, m.seq
        FROM unnest(@sender_types, @sender_ids, @client_ids) AS k(sender_type, sender_id, client_message_id)
        JOIN chat_messages AS m ON m.sender_type = k.sender_type AND m.sender_id = k.sender_id
            AND m.client_message_id = k.client_message_id AND m.client_message_id IS NOT NULL
        """;

    private const string LockChatsSql = "SELECT id FROM chats WHERE id = ANY(@ids) ORDER BY id FOR UPDATE";

    private const string MoveSeqSql = """
        UPDATE chats AS c SET last_seq = c.last_seq + v.n, last_message_at = v.at, updated_at = v.at
        FROM unnest(@ids, @counts, @ats) AS v(id, n, at)
        WHERE c.id = v.id
        RETURNING c.id, c.last_seq
        """;

    private const string InsertSql = """
        INSERT INTO chat_messages (chat_id, seq, client_message_id, sender_type, sender_id, message_type, content,
            reply_to_message_id, entity_type, entity_id, entity_title, created_at, is_deleted)
        SELECT v.*, false FROM unnest(@chat_ids, @seqs, @client_ids, @sender_types, @sender_ids, @message_types, @contents,
            @reply_tos, @entity_types, @entity_ids, @entity_titles, @created_ats) AS v
        RETURNING chat_id, seq, id
        """;

    private const string InsertAttachmentsSql = """
        INSERT INTO message_attachments (message_id, position, file_url, file_name, file_type, file_size, thumbnail_url, duration_ms)
        SELECT * FROM unnest(@message_ids, @positions, @file_urls, @file_names, @file_types, @file_sizes, @thumbnail_urls, @durations)
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly ClusterBus _bus;
    private NpgsqlConnection? _connection;

    public PostgresMessageBatchWriter(NpgsqlDataSource dataSource, ClusterBus bus)
    {
        _dataSource = dataSource;
        _bus = bus;
    }

    public IReadOnlyList<WrittenMessage> Write(IReadOnlyList<ChatMessage> messages)
    {
        var connection = _connection ??= _dataSource.OpenConnection();
        try
        {
            using var transaction = connection.BeginTransaction();
            var written = new WrittenMessage?[messages.Count];
            var (fresh, repeatsInBatch) = SkipRepeats(connection, messages, written);
            if (fresh.Count > 0)
            {
                Insert(connection, fresh, messages, NextSeqs(connection, fresh, messages), written);

                // Repeats inside the batch answer with their first copy.
                foreach (var (repeat, first) in repeatsInBatch)
                    written[repeat] = written[first]!.Value with { IsDuplicate = true };

                // Heard by every node, this one included, when (and only if) the batch commits: ADR 0016.
                _bus.NotifyInTransaction(connection, fresh.ConvertAll(i => (ClusterItem)new MessageSentItem
                {
                    ChatId = messages[i].ChatId, Seq = written[i]!.Value.Seq, MessageId = written[i]!.Value.Id,
                }));
            }

            transaction.Commit();
            return System.Array.ConvertAll(written, w => w ?? throw new InvalidOperationException("A message of the batch got no outcome."));
        }
        catch (Exception ex) when (ex is not PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.ForeignKeyViolation })
        {
            // The connection itself may be broken: start the next batch on a fresh one.
            _connection = null;
            connection.Dispose();
            throw;
        }
    }

    public void Dispose() => _connection?.Dispose();

    /// <summary>
    /// Fills in the messages that repeat a stored one; returns the indexes of the new ones, in batch order,
    /// and those that repeat an earlier one of the batch (a client retrying quickly), with that one's index.
    /// </summary>
    private static (List<int> Fresh, Dictionary<int, int> RepeatsInBatch) SkipRepeats(NpgsqlConnection connection, IReadOnlyList<ChatMessage> messages, WrittenMessage?[] written)
    {
        var stored = new Dictionary<(string, long, Guid), (long Id, long Seq)>();
        var keyed = messages.Where(m => m.ClientMessageId is not null).ToList();
        if (keyed.Count > 0)
        {
            using var find = new NpgsqlCommand(FindRepeatsSql, connection);
            find.Parameters.Add(Array("sender_types", keyed.ConvertAll(m => m.SenderType.ToString())));
            find.Parameters.Add(Array("sender_ids", keyed.ConvertAll(m => m.SenderId)));
            find.Parameters.Add(Array("client_ids", keyed.ConvertAll(m => m.ClientMessageId!.Value)));
            using var reader = find.ExecuteReader();
            while (reader.Read())
                stored[(reader.GetString(0), reader.GetInt64(1), reader.GetGuid(2))] = (reader.GetInt64(3), reader.GetInt64(4));
        }

        var fresh = new List<int>(messages.Count);
        var firstInBatch = new Dictionary<(string, long, Guid), int>();
        var repeatsInBatch = new Dictionary<int, int>();
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            if (message.ClientMessageId is not { } clientId)
            {
                fresh.Add(i);
                continue;
            }

            var key = (message.SenderType.ToString(), message.SenderId, clientId);
            if (stored.TryGetValue(key, out var earlier))
                written[i] = new WrittenMessage(earlier.Id, earlier.Seq, IsDuplicate: true);
            else if (firstInBatch.TryGetValue(key, out var first))
                repeatsInBatch[i] = first;
            else
            {
                firstInBatch[key] = i;
                fresh.Add(i);
            }
        }

        return (fresh, repeatsInBatch);
    }

    /// <summary>Locks the batch's chats in id order and moves each one's last_seq on; the first new seq of each chat.</summary>
    private static Dictionary<long, long> NextSeqs(NpgsqlConnection connection, List<int> fresh, IReadOnlyList<ChatMessage> messages)
    {
        var perChat = fresh.GroupBy(i => messages[i].ChatId)
            .Select(g => (ChatId: g.Key, Count: g.Count(), LastAt: g.Max(i => messages[i].CreatedAt)))
            .OrderBy(c => c.ChatId)
            .ToList();
        var ids = perChat.ConvertAll(c => c.ChatId);

        using var batch = new NpgsqlBatch(connection);
        var lockChats = new NpgsqlBatchCommand(LockChatsSql);
        lockChats.Parameters.Add(Array("ids", ids));
        var moveSeq = new NpgsqlBatchCommand(MoveSeqSql);
        moveSeq.Parameters.Add(Array("ids", ids));
        moveSeq.Parameters.Add(Array("counts", perChat.ConvertAll(c => (long)c.Count)));
        moveSeq.Parameters.Add(Array("ats", perChat.ConvertAll(c => c.LastAt)));
        batch.BatchCommands.Add(lockChats);
        batch.BatchCommands.Add(moveSeq);

        var counts = perChat.ToDictionary(c => c.ChatId, c => c.Count);
        var firstSeq = new Dictionary<long, long>(perChat.Count);
        using var reader = batch.ExecuteReader();
        reader.NextResult();
        while (reader.Read())
            firstSeq[reader.GetInt64(0)] = reader.GetInt64(1) - counts[reader.GetInt64(0)] + 1;

        var missing = ids.Find(id => !firstSeq.ContainsKey(id));
        return missing == 0 ? firstSeq : throw new InvalidOperationException($"Chat {missing} does not exist.");
    }

    private static void Insert(NpgsqlConnection connection, List<int> fresh, IReadOnlyList<ChatMessage> messages, Dictionary<long, long> nextSeq,
        WrittenMessage?[] written)
    {
        var rows = fresh.ConvertAll(i => messages[i]);
        var seqs = rows.ConvertAll(m => nextSeq[m.ChatId]++);

        using var insert = new NpgsqlCommand(InsertSql, connection);
        var p = insert.Parameters;
        p.Add(Array("chat_ids", rows.ConvertAll(m => m.ChatId)));
        p.Add(Array("seqs", seqs));
        p.Add(Array("client_ids", rows.ConvertAll(m => m.ClientMessageId)));
        p.Add(Array("sender_types", rows.ConvertAll(m => m.SenderType.ToString())));
        p.Add(Array("sender_ids", rows.ConvertAll(m => m.SenderId)));
        p.Add(Array("message_types", rows.ConvertAll(m => m.MessageType.ToString())));
        p.Add(Array("contents", rows.ConvertAll(m => m.Content)));
        p.Add(Array("reply_tos", rows.ConvertAll(m => m.ReplyToMessageId)));
        p.Add(Array("entity_types", rows.ConvertAll(m => m.EntityType)));
        p.Add(Array("entity_ids", rows.ConvertAll(m => m.EntityId)));
        p.Add(Array("entity_titles", rows.ConvertAll(m => m.EntityTitle)));
        p.Add(Array("created_ats", rows.ConvertAll(m => m.CreatedAt)));

        var ids = new Dictionary<(long ChatId, long Seq), long>(rows.Count);
        using (var reader = insert.ExecuteReader())
        {
            while (reader.Read())
                ids[(reader.GetInt64(0), reader.GetInt64(1))] = reader.GetInt64(2);
        }

        for (var k = 0; k < fresh.Count; k++)
            written[fresh[k]] = new WrittenMessage(ids[(rows[k].ChatId, seqs[k])], seqs[k], IsDuplicate: false);

        InsertAttachments(connection, rows, k => ids[(rows[k].ChatId, seqs[k])]);
    }

    // Every file of the batch in one more statement, and none when no message carries one.
    private static void InsertAttachments(NpgsqlConnection connection, List<ChatMessage> rows, Func<int, long> idOf)
    {
        var files = rows.SelectMany((m, k) => m.Attachments.Select((a, position) => (MessageId: idOf(k), Position: (long)position, File: a))).ToList();
        if (files.Count == 0)
            return;

        using var insert = new NpgsqlCommand(InsertAttachmentsSql, connection);
        var p = insert.Parameters;
        p.Add(Array("message_ids", files.ConvertAll(f => f.MessageId)));
        p.Add(Array("positions", files.ConvertAll(f => f.Position)));
        p.Add(Array("file_urls", files.ConvertAll(f => f.File.FileUrl)));
        p.Add(Array("file_names", files.ConvertAll(f => f.File.FileName)));
        p.Add(Array("file_types", files.ConvertAll(f => f.File.FileType)));
        p.Add(Array("file_sizes", files.ConvertAll(f => f.File.FileSize)));
        p.Add(Array("thumbnail_urls", files.ConvertAll(f => f.File.ThumbnailUrl)));
        p.Add(Array("durations", files.ConvertAll(f => f.File.DurationMs)));
        insert.ExecuteNonQuery();
    }

    // Typed arrays: the statements' unnest needs to know each column's type even when every value is null.
    private static NpgsqlParameter Array<T>(string name, List<T> values) => new(name, TypeOf<T>() | NpgsqlDbType.Array) { Value = values.ToArray() };

    private static NpgsqlDbType TypeOf<T>() => typeof(T) switch
    {
        var t when t == typeof(long) || t == typeof(long?) => NpgsqlDbType.Bigint,
        var t when t == typeof(string) => NpgsqlDbType.Text,
        var t when t == typeof(Guid) || t == typeof(Guid?) => NpgsqlDbType.Uuid,
        var t when t == typeof(DateTime) => NpgsqlDbType.TimestampTz,
        var t => throw new ArgumentOutOfRangeException(nameof(T), t.Name, "No PostgreSQL array type for it."),
    };
}
