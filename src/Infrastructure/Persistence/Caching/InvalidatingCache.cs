using System.Collections.Concurrent;

namespace CleanChat.Infrastructure.Persistence.Caching;

/// <summary>
/// A bounded read-through cache that never keeps a value older than the last invalidation of its key.
/// A value loaded while some commit was invalidating is dropped rather than stored, because the load
/// may have read the database just before that commit.
/// </summary>
internal sealed class InvalidatingCache<TKey, TValue>
    where TKey : notnull
    where TValue : class
{
    private readonly ConcurrentDictionary<TKey, TValue> _entries = new();
    private readonly int _capacity;
    private long _generation;

    public InvalidatingCache(int capacity) => _capacity = Math.Max(1, capacity);

    public int Count => _entries.Count;

    public bool TryGet(TKey key, out TValue? value) => _entries.TryGetValue(key, out value);

    public async ValueTask<TValue?> GetOrLoadAsync(TKey key, Func<TKey, CancellationToken, Task<TValue?>> load, CancellationToken cancellationToken)
    {
        if (_entries.TryGetValue(key, out var cached))
            return cached;

        var generation = Volatile.Read(ref _generation);
        var loaded = await load(key, cancellationToken);
        if (loaded is null)
            return null;

        // Past the bound, start again rather than track recency on every hit: the hot set refills quickly.
        if (_entries.Count >= _capacity)
            _entries.Clear();

        _entries[key] = loaded;

        // Stored first, checked second: an invalidation that ran during the load either shows here
        // or comes after the store and removes the entry itself.
        if (Volatile.Read(ref _generation) != generation)
            _entries.TryRemove(key, out _);

        return loaded;
    }

    public void Invalidate(TKey key)
    {
        Interlocked.Increment(ref _generation);
        _entries.TryRemove(key, out _);
    }

    /// <summary>Drops everything: changes may have been missed (another node's, while not listening).</summary>
    public void InvalidateAll()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }
}
