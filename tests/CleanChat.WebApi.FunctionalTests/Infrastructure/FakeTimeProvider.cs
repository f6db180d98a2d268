namespace CleanChat.WebApi.FunctionalTests.Infrastructure;

/// <summary>A clock tests move by hand. Starts at the real time, so tokens it stamps are valid for the real validator too.</summary>
public sealed class FakeTimeProvider : TimeProvider
{
    private DateTimeOffset _now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;

    /// <summary>Moves the clock forward to the real time (a shared fixture's clock otherwise lags by its age).</summary>
    public void CatchUpWithRealTime()
    {
        var real = DateTimeOffset.UtcNow;
        if (real > _now)
            _now = real;
    }
}
