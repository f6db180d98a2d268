using CleanChat.Domain.Chats;
using CleanChat.Infrastructure.Persistence.Messages;
using Microsoft.Data.Sqlite;

namespace CleanChat.Infrastructure.Persistence.Sqlite;

/// <summary>
/// The message writer's SQLite connection and its four prepared statements: a group commit on SQLite.
/// Plain SQL rather than EF Core: it runs for every message sent, and change tracking a fresh entity per
/// message cost more than the insert itself. Values are stored exactly as EF Core stores them (enum
/// names, UTC text times, upper-case GUID text), so EF reads these rows like its own; functional tests
/// read them back through EF. SQLite has one writer, so messages are simply written one after another
/// inside the batch's transaction.
/// </summary>
internal sealed class SqliteMessageSql : IMessageBatchWriter
{
    private const int ConstraintError = 19;

    private readonly SqliteCommand _findRepeat;
    private readonly SqliteCommand _nextSeq;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _insertAttachment;

    private SqliteMessageSql(string connectionString, DatabaseOptions options)
    {
        Connection = Open(connectionString, options);

        _findRepeat = Command(
            "SELECT id, seq FROM chat_messages WHERE sender_type = $sender_type AND sender_id = $sender_id AND client_message_id = $client_message_id",
            "$sender_type", "$sender_id", "$client_message_id");

        // Taking the number from the chat's own row, inside the transaction, keeps it gap-free and in commit order.
        _nextSeq = Command(
            "UPDATE chats SET last_seq = last_seq + 1, last_message_at = $now, updated_at = $now WHERE id = $chat_id RETURNING last_seq",
            "$now", "$chat_id");

        _insert = Command(
            """
            INSERT INTO chat_messages (chat_id, seq, client_message_id, sender_type, sender_id, message_type, content,
                reply_to_message_id, entity_type, entity_id, entity_title, created_at, is_deleted)
            VALUES ($chat_id, $seq, $client_message_id, $sender_type, $sender_id, $message_type, $content,
                $reply_to_message_id, $entity_type, $entity_id, $entity_title, $created_at, 0)
            RETURNING id
            """,
            "$chat_id", "$seq", "$client_message_id", "$sender_type", "$sender_id", "$message_type", "$content",
            "$reply_to_message_id", "$entity_type", "$entity_id", "$entity_title", "$created_at");

        _insertAttachment = Command(
            """
            INSERT INTO message_attachments (message_id, position, file_url, file_name, file_type, file_size, thumbnail_url, duration_ms)
            VALUES ($message_id, $position, $file_url, $file_name, $file_type, $file_size, $thumbnail_url, $duration_ms)
            """,
            "$message_id", "$position", "$file_url", "$file_name", "$file_type", "$file_size", "$thumbnail_url", "$duration_ms");
    }

    private SqliteConnection Connection { get; }

    /// <summary>Opens the connection lazily and again after a failure that may have broken it.</summary>
    public static IMessageBatchWriter Create(string connectionString, DatabaseOptions options) => new Reopening(() => new SqliteMessageSql(connectionString, options));

    public IReadOnlyList<WrittenMessage> Write(IReadOnlyList<ChatMessage> messages)
    {
        using var transaction = Connection.BeginTransaction(deferred: false);
        Enlist(transaction);
        var written = new List<WrittenMessage>(messages.Count);
        foreach (var message in messages)
            written.Add(Write(message));

        transaction.Commit();
        return written;
    }

    private static SqliteConnection Open(string connectionString, DatabaseOptions options)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            using (var pragmas = connection.CreateCommand())
            {
                pragmas.CommandText = SqlitePragmaInterceptor.For(options);
                pragmas.ExecuteNonQuery();
            }

            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private void Enlist(SqliteTransaction transaction)
    {
        _findRepeat.Transaction = transaction;
        _nextSeq.Transaction = transaction;
        _insert.Transaction = transaction;
        _insertAttachment.Transaction = transaction;
    }

    private WrittenMessage Write(ChatMessage message)
    {
        var senderType = message.SenderType.ToString();
        var clientMessageId = message.ClientMessageId is { } id ? id.ToString("D").ToUpperInvariant() : null;

        if (clientMessageId is not null)
        {
            Bind(_findRepeat, senderType, message.SenderId, clientMessageId);
            using var reader = _findRepeat.ExecuteReader();
            if (reader.Read())
                return new WrittenMessage(reader.GetInt64(0), reader.GetInt64(1), IsDuplicate: true);
        }

        Bind(_nextSeq, message.CreatedAt, message.ChatId);
        var seq = _nextSeq.ExecuteScalar() is long next
            ? next
            : throw new InvalidOperationException($"Chat {message.ChatId} does not exist.");

        Bind(_insert, message.ChatId, seq, clientMessageId, senderType, message.SenderId, message.MessageType.ToString(), message.Content,
            message.ReplyToMessageId, message.EntityType, message.EntityId, message.EntityTitle, message.CreatedAt);
        var messageId = (long)_insert.ExecuteScalar()!;

        for (var position = 0; position < message.Attachments.Count; position++)
        {
            var a = message.Attachments[position];
            Bind(_insertAttachment, messageId, position, a.FileUrl, a.FileName, a.FileType, a.FileSize, a.ThumbnailUrl, a.DurationMs);
            _insertAttachment.ExecuteNonQuery();
        }

        return new WrittenMessage(messageId, seq, IsDuplicate: false);
    }

    public void Dispose()
    {
        _findRepeat.Dispose();
        _nextSeq.Dispose();
        _insert.Dispose();
        _insertAttachment.Dispose();
        Connection.Dispose();
    }

    private SqliteCommand Command(string text, params string[] parameters)
    {
        var command = Connection.CreateCommand();
        command.CommandText = text;
        foreach (var name in parameters)
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        return command;
    }

    private static void Bind(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
    }

    /// <summary>
    /// Keeps one connection across batches, and drops it after a failure other than a constraint (a
    /// broken connection: disk full, I/O error), so the next batch starts on a fresh one.
    /// </summary>
    private sealed class Reopening(Func<SqliteMessageSql> open) : IMessageBatchWriter
    {
        private SqliteMessageSql? _current;

        public IReadOnlyList<WrittenMessage> Write(IReadOnlyList<ChatMessage> messages)
        {
            var sql = _current ??= open();
            try
            {
                return sql.Write(messages);
            }
            catch (Exception ex) when (ex is not SqliteException { SqliteErrorCode: ConstraintError })
            {
                _current = null;
                sql.Dispose();
                throw;
            }
        }

        public void Dispose() => _current?.Dispose();
    }
}
