namespace CleanChat.Application.Common.Interfaces;

/// <summary>Bounds login attempts per account, so one account cannot be guessed at from many addresses.</summary>
public interface ILoginRateLimiter
{
    /// <summary>Takes one attempt for the account; returns how long to wait when none is left.</summary>
    TimeSpan? TryAcquire(string accountKey);
}
