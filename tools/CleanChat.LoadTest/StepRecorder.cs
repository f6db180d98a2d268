using System.Diagnostics;

namespace CleanChat.LoadTest;

/// <summary>
/// Counts and times what happened to messages scheduled inside one step's steady window. Latency is
/// measured from the scheduled send time, so queueing anywhere (generator, network, server) is counted.
/// </summary>
public sealed class StepRecorder
{
    private readonly long _windowStart;
    private readonly long _windowEnd;
    private readonly List<long>[] _deliveryLatencies;
    private readonly List<long>[] _ackLatencies;
    private long _sent;
    private long _expectedDeliveries;
    private long _errors;
    private long _acksReceivedInWindow;

    public StepRecorder(long windowStart, long windowEnd, long expectedSamples, int shards = 64)
    {
        _windowStart = windowStart;
        _windowEnd = windowEnd;

        // Sized up front: growing lists of millions of samples would make the generator's own garbage
        // collector pause it, and those pauses would show up as server latency.
        var perShard = (int)Math.Min(int.MaxValue / 2, (expectedSamples / shards * 2) + 1024);
        _deliveryLatencies = Enumerable.Range(0, shards).Select(_ => new List<long>(perShard)).ToArray();
        _ackLatencies = Enumerable.Range(0, shards).Select(_ => new List<long>(perShard)).ToArray();
    }

    public long Sent => Interlocked.Read(ref _sent);
    public long ExpectedDeliveries => Interlocked.Read(ref _expectedDeliveries);
    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>
    /// Acknowledgements that arrived inside the window, whenever their message was scheduled: what the
    /// server actually committed per second, which under overload is its capacity.
    /// </summary>
    public long AcksReceivedInWindow => Interlocked.Read(ref _acksReceivedInWindow);

    public bool InWindow(long scheduled) => scheduled >= _windowStart && scheduled < _windowEnd;

    public void Scheduled(long scheduled, int recipients)
    {
        if (!InWindow(scheduled))
            return;
        Interlocked.Increment(ref _sent);
        Interlocked.Add(ref _expectedDeliveries, recipients);
    }

    public void Record(bool isAck, long scheduled, long received)
    {
        if (isAck && InWindow(received))
            Interlocked.Increment(ref _acksReceivedInWindow);
        if (!InWindow(scheduled))
            return;
        var shard = (isAck ? _ackLatencies : _deliveryLatencies)[Environment.CurrentManagedThreadId % _deliveryLatencies.Length];
        lock (shard)
            shard.Add(received - scheduled);
    }

    public void Error() => Interlocked.Increment(ref _errors);

    public long[] DeliveryLatencies() => Merge(_deliveryLatencies);

    public long[] AckLatencies() => Merge(_ackLatencies);

    public static double Percentile(long[] sorted, double percentile) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(percentile / 100 * sorted.Length) - 1)] * 1000.0 / Stopwatch.Frequency;

    private static long[] Merge(List<long>[] shards)
    {
        var all = new List<long>();
        foreach (var shard in shards)
        {
            lock (shard)
                all.AddRange(shard);
        }

        var array = all.ToArray();
        Array.Sort(array);
        return array;
    }
}
