namespace CleanChat.Infrastructure.Realtime;

/// <summary>
/// A token bucket per connection (one receive loop uses it, so it needs no locking): people typing never
/// notice it, floods are refused frame by frame, and a flood that goes on is told to stop by closing.
/// </summary>
public sealed class FrameRateLimiter
{
    private static readonly TimeSpan RefusalWindow = TimeSpan.FromSeconds(10);

    private readonly double _perSecond;
    private readonly int _burst;
    private readonly int _closeAfterRefusals;
    private readonly TimeProvider _time;
    private double _tokens;
    private long _lastRefill;
    private int _refusals;
    private long _refusalWindowStart;

    public FrameRateLimiter(double perSecond, int burst, int closeAfterRefusals, TimeProvider time)
    {
        _perSecond = perSecond;
        _burst = burst;
        _closeAfterRefusals = closeAfterRefusals;
        _time = time;
        _tokens = burst;
        _lastRefill = _refusalWindowStart = time.GetTimestamp();
    }

    public FrameVerdict Take()
    {
        var now = _time.GetTimestamp();
        _tokens = Math.Min(_burst, _tokens + (_time.GetElapsedTime(_lastRefill, now).TotalSeconds * _perSecond));
        _lastRefill = now;
        if (_tokens >= 1)
        {
            _tokens -= 1;
            return FrameVerdict.Accept;
        }

        if (_time.GetElapsedTime(_refusalWindowStart, now) > RefusalWindow)
        {
            _refusalWindowStart = now;
            _refusals = 0;
        }

        _refusals++;
        if (_refusals > _closeAfterRefusals)
            return FrameVerdict.Close;

        // Say so once per burst of refusals, not once per refused frame: answering a flood must not feed it.
        return _refusals == 1 ? FrameVerdict.RefuseWithError : FrameVerdict.RefuseSilently;
    }
}

public enum FrameVerdict
{
    Accept,
    RefuseWithError,
    RefuseSilently,
    Close,
}
