namespace CleanChat.Infrastructure.Persistence;

/// <summary>
/// Lets one commit at a time reach SQLite. SQLite allows a single writer anyway; without this gate,
/// concurrent writers collide on its lock and back off in its busy handler's sleeps (up to 100 ms each),
/// where waiting here is a cheap async wait, in order. Holding it while a commit hands its events on is
/// also what makes the event order the commit order (CommitOrderedEventDispatcher).
/// </summary>
public sealed class SqliteWriteGate
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
