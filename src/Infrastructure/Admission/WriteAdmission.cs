using CleanChat.Application.Common.Interfaces;
using CleanChat.Infrastructure.Persistence.Events;
using CleanChat.Infrastructure.Persistence.Messages;
using Microsoft.Extensions.Options;

namespace CleanChat.Infrastructure.Admission;

/// <summary>
/// Admits a new message while the service answers promptly: the commit queue's wait, the delay between a
/// commit and its announcement, and the thread pool's lag all within their bounds. Otherwise the sender
/// is told to come back after about twice the delay seen now, time for what is queued to drain.
/// </summary>
internal sealed class WriteAdmission : IWriteAdmission
{
    private readonly MessageWriter _writer;
    private readonly CommitOrderedEventDispatcher _publisher;
    private readonly ThreadPoolLagProbe _poolLag;
    private readonly TimeSpan _maxCommitWait;
    private readonly TimeSpan _maxPublishLag;
    private readonly TimeSpan _maxPoolLag;
    private readonly TimeSpan _minRetryAfter;
    private readonly TimeSpan _maxRetryAfter;

    public WriteAdmission(MessageWriter writer, CommitOrderedEventDispatcher publisher, ThreadPoolLagProbe poolLag, IOptions<AdmissionOptions> options)
    {
        _writer = writer;
        _publisher = publisher;
        _poolLag = poolLag;
        _maxCommitWait = Bound(options.Value.MaxCommitWaitMs);
        _maxPublishLag = Bound(options.Value.MaxPublishLagMs);
        _maxPoolLag = Bound(options.Value.MaxThreadPoolLagMs);
        _minRetryAfter = TimeSpan.FromMilliseconds(Math.Max(0, options.Value.MinRetryAfterMs));
        _maxRetryAfter = TimeSpan.FromMilliseconds(Math.Max(options.Value.MinRetryAfterMs, options.Value.MaxRetryAfterMs));
    }

    public bool TryAdmit(out TimeSpan retryAfter)
    {
        var commitWait = _writer.CommitWait;
        var publishLag = _publisher.PublishLag;
        var poolLag = _poolLag.Lag;
        if (commitWait <= _maxCommitWait && publishLag <= _maxPublishLag && poolLag <= _maxPoolLag)
        {
            retryAfter = TimeSpan.Zero;
            return true;
        }

        var delay = TimeSpan.FromTicks(Math.Max(commitWait.Ticks, Math.Max(publishLag.Ticks, poolLag.Ticks))) * 2;
        retryAfter = delay < _minRetryAfter ? _minRetryAfter : delay > _maxRetryAfter ? _maxRetryAfter : delay;
        return false;
    }

    private static TimeSpan Bound(int milliseconds) => milliseconds > 0 ? TimeSpan.FromMilliseconds(milliseconds) : TimeSpan.MaxValue;
}
