using System.Threading.RateLimiting;
using CleanChat.Application.Common.Interfaces;
using Microsoft.Extensions.Options;

namespace CleanChat.Infrastructure.Identity;

/// <summary>A fixed window of attempts per account; idle windows are dropped, so memory stays bounded by recent accounts.</summary>
internal sealed class LoginRateLimiter : ILoginRateLimiter, IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public LoginRateLimiter(IOptions<LoginRateLimitOptions> options)
    {
        var settings = options.Value;
        _limiter = PartitionedRateLimiter.Create<string, string>(account => RateLimitPartition.GetFixedWindowLimiter(account, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = settings.PerAccountPermits,
            Window = TimeSpan.FromSeconds(settings.PerAccountWindowSeconds),
            QueueLimit = 0,
        }));
    }

    public TimeSpan? TryAcquire(string accountKey)
    {
        using var lease = _limiter.AttemptAcquire(accountKey.ToLowerInvariant());
        if (lease.IsAcquired)
            return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(60);
    }

    public void Dispose() => _limiter.Dispose();
}
