using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Common.Interfaces;

namespace CleanChat.Application.Accounts;

/// <summary>
/// The login steps both kinds of account share: per-account throttling, a check that costs the same
/// whether or not the account exists, and one vague error for every failure. Registered as a singleton.
/// </summary>
internal sealed class PasswordVerifier
{
    private readonly IPasswordHasher _hasher;
    private readonly ILoginRateLimiter _rateLimiter;

    // A real hash of a random password: checking unknown accounts against it takes as long as a real
    // check, so response time does not reveal which accounts exist.
    private readonly Lazy<string> _decoyHash;

    public PasswordVerifier(IPasswordHasher hasher, ILoginRateLimiter rateLimiter)
    {
        _hasher = hasher;
        _rateLimiter = rateLimiter;
        _decoyHash = new Lazy<string>(() => hasher.Hash(Guid.NewGuid().ToString("N")));
    }

    public void ThrottleOrThrow(string accountKey)
    {
        if (_rateLimiter.TryAcquire(accountKey) is { } retryAfter)
            throw new TooManyAttemptsException(retryAfter);
    }

    /// <summary>Returns true when a fresher hash should be stored; throws the same error for an unknown account and a wrong password.</summary>
    public bool VerifyOrThrow(string? storedHash, bool accountUsable, string password)
    {
        var check = _hasher.Verify(storedHash ?? _decoyHash.Value, password);
        if (storedHash is null || !accountUsable || check == PasswordCheck.Failed)
            throw new UnauthenticatedException("Incorrect username or password.");
        return check == PasswordCheck.SucceededRehashNeeded;
    }
}
