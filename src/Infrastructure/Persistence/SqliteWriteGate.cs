namespace CleanChat.Infrastructure.Persistence;

/// <summary>
/// Lets one commit at a time reach SQLite. SQLite allows a single writer anyway; without this gate,
/// concurrent writers collide on its lock and back off in sleeps of up to 100 ms (busy_timeout),
/// which turns a sub-millisecond commit into tail latencies of seconds. Waiting here is a cheap async wait in order.
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
