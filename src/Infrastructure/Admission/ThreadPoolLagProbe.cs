using System.Diagnostics;
using Microsoft.Extensions.Hosting;

namespace CleanChat.Infrastructure.Admission;

/// <summary>
/// Measures how long work waits for a thread-pool thread: ten times a second a probe is queued behind
/// whatever is waiting and the time until it runs is kept. A probe still waiting counts with its age, so
/// a stall shows before the probe gets through.
/// </summary>
public sealed class ThreadPoolLagProbe : IHostedService, IDisposable
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);
    private readonly ITimer _timer;
    private long _lastLagTicks;
    private long _queuedAt;

    public ThreadPoolLagProbe(TimeProvider time) =>
        _timer = time.CreateTimer(static probe => ((ThreadPoolLagProbe)probe!).Queue(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    public TimeSpan Lag
    {
        get
        {
            var queuedAt = Volatile.Read(ref _queuedAt);
            var waiting = queuedAt == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(queuedAt);
            var last = TimeSpan.FromTicks(Volatile.Read(ref _lastLagTicks));
            return waiting > last ? waiting : last;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _timer.Change(Period, Period);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        return Task.CompletedTask;
    }

    public void Dispose() => _timer.Dispose();

    private void Queue()
    {
        // One probe at a time: while one waits, its age is the measure.
        if (Interlocked.CompareExchange(ref _queuedAt, Stopwatch.GetTimestamp(), 0) != 0)
            return;
        ThreadPool.UnsafeQueueUserWorkItem(static probe => probe.Arrived(), this, preferLocal: false);
    }

    private void Arrived()
    {
        var queuedAt = Interlocked.Exchange(ref _queuedAt, 0);
        Volatile.Write(ref _lastLagTicks, Stopwatch.GetElapsedTime(queuedAt).Ticks);
    }
}
