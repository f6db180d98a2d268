namespace CleanChat.Infrastructure.Persistence;

/// <summary>
/// Lets one of this process's commits at a time reach the database. Holding it while a commit hands its
/// events on is what makes this process's event order its commit order (CommitOrderedEventDispatcher).
/// On SQLite it also spares the writers a collision: SQLite allows a single writer anyway, and concurrent
/// ones back off in its busy handler's sleeps (up to 100 ms each), where waiting here is a cheap async
/// wait, in order. On PostgreSQL it orders this node's commits only; other nodes commit beside them.
/// </summary>
public sealed class WriteGate
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        return new Release(_gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                gate.Release();
        }
    }
}
