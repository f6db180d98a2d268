using Microsoft.Extensions.Time.Testing;

namespace CleanChat.WebApi.FunctionalTests.Infrastructure;

public static class FakeTimeProviderExtensions
{
    /// <summary>
    /// Moves the clock forward to the real time. Token lifetimes are checked on the real clock by the
    /// token library, so a shared fixture's clock that lags by its age would issue tokens that look old.
    /// </summary>
    public static void CatchUpWithRealTime(this FakeTimeProvider time)
    {
        var real = DateTimeOffset.UtcNow;
        if (real > time.GetUtcNow())
            time.SetUtcNow(real);
    }
}
