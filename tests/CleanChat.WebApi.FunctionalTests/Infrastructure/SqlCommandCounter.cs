using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CleanChat.WebApi.FunctionalTests.Infrastructure;

/// <summary>
/// Counts the SQL commands the service executes, to prove a request's query count does not grow with
/// data; on request also keeps their text and parameters, so a test can ask SQLite for their plans.
/// </summary>
public sealed class SqlCommandCounter : DbCommandInterceptor
{
    private int _count;
    private ConcurrentQueue<RecordedCommand>? _recording;

    public int Count => Volatile.Read(ref _count);

    public void Reset() => Interlocked.Exchange(ref _count, 0);

    public void StartRecording() => Volatile.Write(ref _recording, new ConcurrentQueue<RecordedCommand>());

    public IReadOnlyList<RecordedCommand> StopRecording() => Interlocked.Exchange(ref _recording, null)?.ToArray() ?? Array.Empty<RecordedCommand>();

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Seen(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Seen(command);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Seen(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    private void Seen(DbCommand command)
    {
        Interlocked.Increment(ref _count);
        Volatile.Read(ref _recording)?.Enqueue(new RecordedCommand(
            command.CommandText,
            command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value)).ToArray()));
    }
}

public sealed record RecordedCommand(string Text, IReadOnlyList<(string Name, object? Value)> Parameters);
