namespace CleanChat.Infrastructure.Realtime.Statistics;

/// <summary>
/// Frames in and out over the last minute, in one-second buckets: a bucket is reused when its second
/// comes round again, so the window costs the same whatever the traffic and forgets by itself.
/// </summary>
public sealed class FrameRateWindow
{
    public const int Seconds = 60;

    private readonly long[] _stamps = new long[Seconds];
    private readonly long[] _in = new long[Seconds];
    private readonly long[] _out = new long[Seconds];
    private readonly object _lock = new();

    public void Add(long second, int framesIn, int framesOut)
    {
        var i = (int)(second % Seconds);
        lock (_lock)
        {
            if (_stamps[i] != second)
            {
                _stamps[i] = second;
                _in[i] = 0;
                _out[i] = 0;
            }

            _in[i] += framesIn;
            _out[i] += framesOut;
        }
    }

    /// <summary>Frames per second, in and out, averaged over the minute before <paramref name="second"/> (itself included).</summary>
    public (double In, double Out) RatesAt(long second)
    {
        long framesIn = 0, framesOut = 0;
        lock (_lock)
        {
            for (var i = 0; i < Seconds; i++)
            {
                if (second - _stamps[i] is >= 0 and < Seconds)
                {
                    framesIn += _in[i];
                    framesOut += _out[i];
                }
            }
        }

        return ((double)framesIn / Seconds, (double)framesOut / Seconds);
    }
}
