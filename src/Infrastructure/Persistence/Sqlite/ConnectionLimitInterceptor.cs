using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CleanChat.Infrastructure.Persistence;

/// <summary>
/// Bounds how many SQLite connections are open at once (<c>Database:MaxOpenConnections</c>): each holds
/// its own page cache, and readers that race a commit retry and back off inside SQLite, where queueing
/// here costs microseconds. A slot is returned when the connection closes, however that happens (EF also
/// disposes some connections without a "closed" interception).
/// </summary>
internal sealed class ConnectionLimitInterceptor : DbConnectionInterceptor
{
    private readonly SemaphoreSlim _slots;

    public ConnectionLimitInterceptor(int maxOpenConnections) => _slots = new SemaphoreSlim(maxOpenConnections, maxOpenConnections);

    public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        _slots.Wait();
        Slot.Hold(connection, _slots);
        return result;
    }

    public override async ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        await _slots.WaitAsync(cancellationToken);
        Slot.Hold(connection, _slots);
        return result;
    }

    // Opening failed: the connection never reaches Open, so no state change will hand the slot back.
    public override void ConnectionFailed(DbConnection connection, ConnectionErrorEventData eventData) => Slot.ReleaseIfFailedToOpen(connection);

    public override Task ConnectionFailedAsync(DbConnection connection, ConnectionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Slot.ReleaseIfFailedToOpen(connection);
        return Task.CompletedTask;
    }

    private sealed class Slot
    {
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbConnection, Slot> Held = new();
        private readonly DbConnection _connection;
        private readonly SemaphoreSlim _slots;
        private int _released;

        private Slot(DbConnection connection, SemaphoreSlim slots)
        {
            _connection = connection;
            _slots = slots;
        }

        public static void Hold(DbConnection connection, SemaphoreSlim slots)
        {
            var slot = new Slot(connection, slots);
            Held.AddOrUpdate(connection, slot);
            connection.StateChange += slot.OnStateChange;
        }

        public static void ReleaseIfFailedToOpen(DbConnection connection)
        {
            if (connection.State != ConnectionState.Open && Held.TryGetValue(connection, out var slot))
                slot.Release();
        }

        private void OnStateChange(object sender, StateChangeEventArgs e)
        {
            if (e.CurrentState == ConnectionState.Closed)
                Release();
        }

        private void Release()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0)
                return;
            _connection.StateChange -= OnStateChange;
            Held.Remove(_connection);
            _slots.Release();
        }
    }
}
